"""The review workspace: one open agreement, its findings, their detail and the decisions."""
