#!/usr/bin/env python3
"""Builds a JSONL corpus for `slant batch` benchmarks from NewsMTSC sentences.

Articles of about --article-kb KB: the train split's sentences in file order,
three to a paragraph, each article one line
{"id": "a000001", "outlet": "newsmtsc", "text": "..."}. With --megabytes larger
than the split, the sentences are reused in a rotated order, so that articles
differ. The corpus is derived from NewsMTSC: never commit it.

    python3 scripts/make_corpus.py ../shared/eval/newsmtsc/train.jsonl --megabytes 10 > /tmp/corpus.jsonl
"""

import argparse
import json
import sys


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", help="NewsMTSC JSONL (sentence_normalized per line)")
    ap.add_argument("--megabytes", type=float, default=10.0, help="about this many MB of text (default 10)")
    ap.add_argument("--article-kb", type=float, default=5.0, help="about this many KB per article (default 5)")
    args = ap.parse_args()

    with open(args.source, encoding="utf-8") as f:
        sentences = [json.loads(line)["sentence_normalized"].strip() for line in f if line.strip()]
    if not sentences:
        sys.exit(f"make_corpus: {args.source} has no sentences")
    want = int(args.megabytes * 1e6)
    per_article = int(args.article_kb * 1000)
    written = 0
    n = 0
    i = 0
    out = sys.stdout
    while written < want:
        paragraphs, size, paragraph = [], 0, []
        while size < per_article:
            # Each pass over the split steps by a different stride, so later articles are new mixes.
            stride = 1 + 2 * (i // len(sentences))
            s = sentences[(i * stride) % len(sentences)]
            i += 1
            paragraph.append(s)
            size += len(s.encode("utf-8")) + 1
            if len(paragraph) == 3:
                paragraphs.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            paragraphs.append(" ".join(paragraph))
        n += 1
        line = json.dumps({"id": f"a{n:06d}", "outlet": "newsmtsc", "text": "\n\n".join(paragraphs)}, ensure_ascii=False)
        out.write(line + "\n")
        written += len(line.encode("utf-8")) + 1


if __name__ == "__main__":
    main()
