# Compares two servers over the same database (an earlier build and this one): the JSON of 32 REST endpoints
# (pages, details, searches with highlights and facets, nested lists, similar questions) and the four exports in CSV
# and NDJSON, byte for byte where the bytes should match. Ministries differ by the daysInOffice field added since.
#   python3 bench/rest-equivalence.py PORT_A PORT_B
import json, urllib.request, sys
import sys
A, B = int(sys.argv[1]), int(sys.argv[2])
def get(port, url):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}") as r: return r.read()
urls = ["/v1/questions?limit=200", "/v1/questions?limit=200&sort=-answeredAt", "/v1/questions?q=commune&highlight=true&limit=50",
        "/v1/questions?q=eau&sort=relevance&limit=20&facets=nature,group", "/v1/answers?limit=200", "/v1/senators?limit=200", "/v1/ministries?limit=200",
        "/v1/ministries/900", "/v1/senators/08037L", "/v1/questions/SEQ240611950", "/v1/senators/08037L/questions?limit=100", "/v1/ministries/900/questions?lineage=true&limit=100"]
# a few question details and their similar lists
ids = [q["id"] for q in json.loads(get(B, "/v1/questions?limit=30&sort=-answeredAt"))["data"]]
tw = json.loads(get(B, "/v1/twins?limit=5"))["data"]
urls += [f"/v1/questions/{i}" for i in ids[:10]] + [f"/v1/questions/{g['id']}/similar?limit=50" for g in tw] + [f"/v1/questions/{g['id']}" for g in tw]
bad = 0
for u in urls:
    o, n = json.loads(get(A, u)), json.loads(get(B, u))
    if isinstance(o, dict) and "data" in o:
        for x in o["data"]: x.pop("daysInOffice", None)
        for x in n["data"]: x.pop("daysInOffice", None)
    elif isinstance(n, dict): n.pop("daysInOffice", None)
    if o != n:
        bad += 1; print("DIFF", u); 
        so, sn = json.dumps(o, sort_keys=True), json.dumps(n, sort_keys=True)
        i = next((k for k in range(min(len(so), len(sn))) if so[k] != sn[k]), None); print(so[max(0,(i or 0)-200):(i or 0)+200]); print(sn[max(0,(i or 0)-200):(i or 0)+200])
    # key order too
    elif json.dumps(o) != json.dumps(n): print("ORDER", u)
for res in ["questions", "answers", "senators", "ministries"]:
    for fmt in ["csv", "ndjson"]:
        u = f"/v1/{res}?format={fmt}&limit=3000"
        o, n = get(A, u), get(B, u)
        if res == "ministries":
            if fmt == "csv":
                o = o.decode(); n = n.decode()
                print(res, fmt, "header old:", o.split("\r\n")[0][:60], "new:", n.split("\r\n")[0][:60]); continue
            on = [json.loads(l) for l in o.splitlines()]; nn = [json.loads(l) for l in n.splitlines()]
            for x in nn: x.pop("daysInOffice", None)
            print(res, fmt, "same" if on == nn else "DIFF"); continue
        if fmt == "ndjson":
            same = [json.loads(l) for l in o.splitlines()] == [json.loads(l) for l in n.splitlines()]
            print(res, fmt, "same" if same else "DIFF", "bytes", len(o), len(n), "byte-identical" if o == n else "")
        else:
            print(res, fmt, "byte-identical" if o == n else "DIFF", len(o), len(n))
            if o != n:
                ol, nl = o.decode().split("\r\n"), n.decode().split("\r\n")
                for a, b in zip(ol, nl):
                    if a != b: print(" old:", a[:300]); print(" new:", b[:300]); break
print("endpoints compared:", len(urls), "differing:", bad)
