"""Embed the clause library's exemplars with the bundled model and store them in the package.

    .venv/bin/python scripts/library_vectors.py

The app and the CLI then start their first review without embedding the library (about 900
texts, several seconds on two cores). Run it after editing any exemplar or counter-exemplar;
until then the engine notices that the stored vectors are of other texts and embeds the library
itself, as it does for a model chosen in the settings. A test fails while the file is stale.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> int:
    import numpy as np

    from clause_library.embed import Embedder
    from clause_library.library import load_library
    from clause_library.match import (
        PACKAGED_LIBRARY_VECTORS,
        library_texts_key,
        library_vector_texts,
    )

    texts = library_vector_texts(load_library())
    embedder = Embedder()
    vectors = embedder.embed(texts)
    target = REPO / "clause_library" / "data" / "model" / PACKAGED_LIBRARY_VECTORS
    np.savez_compressed(
        target,
        vectors=vectors.astype(np.float32),
        model_id=np.array(embedder.model_id),
        texts_key=np.array(library_texts_key(texts)),
    )
    print(f"{len(texts)} exemplar vectors ({embedder.model_id}) written to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
