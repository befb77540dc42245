"""Compare two labelling passes: python compare.py PASS1.jsonl PASS2.jsonl [--diff OUT.jsonl]

Agreement = 2*matched/(n1+n2) over announcements, matched on normalised title, season, date and
precision (optional ones of either pass excused). Writes the differences per id for reconciliation.
"""
import json, re, sys, unicodedata

def norm(t):
    t = unicodedata.normalize("NFKC", t or "").casefold().replace("\u2019", "'")
    t = re.sub(r"^(the|a|an)\s+", "", t)
    return re.sub(r"[^0-9a-z]+", "", t)

def key(a):
    return (norm(a["title"]), a.get("season"), str(a["date"]), a["precision"])

def load(p):
    return {r["id"]: r for r in map(json.loads, open(p))}

p1, p2 = load(sys.argv[1]), load(sys.argv[2])
out = sys.argv[sys.argv.index("--diff") + 1] if "--diff" in sys.argv else None
n1 = n2 = matched = neg_agree = kind_agree = 0
diffs = []
for i in sorted(set(p1) & set(p2)):
    a, b = p1[i], p2[i]
    neg_agree += bool(a.get("negative")) == bool(b.get("negative"))
    k1 = {key(x): x for x in a["announcements"]}
    k2 = {key(x): x for x in b["announcements"]}
    opt = {key(x) for x in a.get("optional", []) + b.get("optional", [])}
    only1 = [k1[k] for k in k1 if k not in k2 and k not in opt]
    only2 = [k2[k] for k in k2 if k not in k1 and k not in opt]
    both = [k for k in k1 if k in k2]
    n1 += len(k1) - sum(1 for k in k1 if k not in k2 and k in opt)
    n2 += len(k2) - sum(1 for k in k2 if k not in k1 and k in opt)
    matched += len(both)
    kind_agree += sum(k1[k]["kind"] == k2[k]["kind"] for k in both)
    if only1 or only2 or bool(a.get("negative")) != bool(b.get("negative")):
        diffs.append({"id": i, "only_pass1": only1, "only_pass2": only2})
print(json.dumps({"articles": len(set(p1) & set(p2)), "pass1": n1, "pass2": n2, "matched": matched,
                  "agreement": round(2 * matched / max(1, n1 + n2), 3),
                  "negative_flag_agreement": round(neg_agree / max(1, len(set(p1) & set(p2))), 3),
                  "kind_agreement_on_matched": round(kind_agree / max(1, matched), 3),
                  "articles_with_differences": len(diffs)}))
missing = set(p1) ^ set(p2)
if missing: print("ids in one pass only:", sorted(missing))
if out:
    with open(out, "w") as f:
        for d in diffs: f.write(json.dumps(d, ensure_ascii=False) + "\n")
