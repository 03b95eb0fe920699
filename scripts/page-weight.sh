#!/usr/bin/env bash
# Prints the page weight of a built site: each file's size and gzipped size, and the total.
# Precise mode's model worker (precise/) loads only when the user switches the mode on: it is
# listed apart and not counted in the page's total (the model file itself is not code and is
# never counted).
set -euo pipefail
dir=${1:-dist}
total=0
total_gz=0
printf '%-40s %10s %10s\n' file bytes gzipped
while IFS= read -r -d '' f; do
    raw=$(stat -c %s "$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    total=$((total + raw))
    total_gz=$((total_gz + gz))
    printf '%-40s %10d %10d\n' "${f#"$dir"/}" "$raw" "$gz"
done < <(find "$dir" -path "$dir/precise" -prune -o -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' \) -print0 | sort -z)
printf '%-40s %10d %10d  (%.1f KiB gzipped)\n' total "$total" "$total_gz" "$(awk -v b="$total_gz" 'BEGIN { print b / 1024 }')"
# Where a wasm file's weight is: its code and its data (the embedded tables,
# strings and constants), each gzipped on its own; imports, exports and the
# other sections make up the rest.
if command -v node >/dev/null; then
    for f in "$dir"/*.wasm; do
        [ -e "$f" ] || continue
        node -e '
const buf = require("fs").readFileSync(process.argv[1]);
const gz = (b) => require("zlib").gzipSync(b, { level: 9 }).length;
const names = { 10: "code", 11: "data" };
let p = 8;
const uleb = () => { let r = 0, s = 0, b; do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return r; };
while (p < buf.length) {
  const id = buf[p++]; const size = uleb();
  if (names[id]) { const sec = buf.subarray(p, p + size); console.log(`  ${names[id]} section`.padEnd(41) + `${String(size).padStart(10)} ${String(gz(sec)).padStart(10)}`); }
  p += size;
}' "$f"
    done
fi
if [ -d "$dir/precise" ]; then
    printf '%s\n' "loaded on demand (Precise mode), not in the total:"
    while IFS= read -r -d '' f; do
        printf '%-40s %10d %10d\n' "${f#"$dir"/}" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
    done < <(find "$dir/precise" -type f -print0 | sort -z)
fi
