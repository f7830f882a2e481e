# What the judged sets' query scripts and search wrappers share (written for shops15, the
# newuser20 work; the earlier sets keep their own copies, frozen with their files):
# query ids, the words and keys intents are compared by, an intent's exact answers by the
# shops' rule, and the wrapper that refuses judged texts. Import it with the directory
# above a set's on sys.path.
import json
import os
import re
import subprocess


def fnv(s):
    """The FNV-1a hash of s in lower case, as QueryID makes an id from a text."""
    h = 0x811c9dc5
    for b in s.lower().encode():
        h ^= b
        h = (h * 0x01000193) & 0xffffffff
    return h


def key(s):
    """s in lower case, letters and digits only: how models and fits are compared."""
    return "".join(c for c in s.lower() if c.isalnum())


def words(s):
    out, cur = [], ""
    for c in s.lower():
        if c.isalnum() and c.isascii() or c == ".":
            cur += c
        else:
            if cur:
                out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def holds(have, want):
    """Whether the words of want stand together in have (a size, a colour)."""
    h, w = words(have), words(want)
    return any(h[i:i + len(w)] == w for i in range(len(h) - len(w) + 1))


def exact(it, v):
    """Whether product v (its truth, regular price, stock, size and colour) is an exact
    answer to intent it, by the shops' rule (internal/searcheval shopRelations.grade)."""
    if it.get("nothing"):
        return False
    if it.get("model"):
        return key(v["model"]) == key(it["model"])
    if it.get("category"):
        return v["path"] == it["category"] or v["path"].startswith(it["category"] + " > ")
    if "types" in it and v["type"] not in it["types"]:
        return False
    if it.get("brand") and v["brand"] != it["brand"]:
        return False
    if it.get("fits") and key(it["fits"]) not in v["fits"]:
        return False
    if it.get("size") and not holds(v["size"], it["size"]):
        return False
    if it.get("color") and not holds(v["color"], it["color"]):
        return False
    return v["price"] <= it.get("max_price", 1e9) and v["price"] >= it.get("min_price", 0) and (v["stock"] or not it.get("in_stock"))


def norm(s):
    return " ".join(re.findall(r"[a-z0-9]+", s.lower()))


def explore(judged_file, explored_file, argv):
    """Starts the server over stdio (as Claude Desktop does), calls one tool and prints
    the result: argv is BINARY DB TOOL [name=value ...] (a value in JSON or a string).
    A search_products or recommend text that is one of judged_file's texts (compared in
    lower case, letters and digits only) is refused before anything runs; every text
    searched is added to explored_file."""
    binary, db, tool = argv[:3]
    args = {}
    for a in argv[3:]:
        k, v = a.split("=", 1)
        try:
            args[k] = json.loads(v)
        except ValueError:
            args[k] = v
    with open(judged_file, encoding="utf-8") as f:
        judged = {norm(json.loads(ln)["query"]) for ln in f if ln.strip()}
    for k in ("query", "context"):
        if tool in ("search_products", "recommend") and isinstance(args.get(k), str):
            if norm(args[k]) in judged:
                raise SystemExit("refused: that text is a judged query of " + os.path.basename(judged_file))
            with open(explored_file, "a", encoding="utf-8") as f:
                f.write(args[k] + "\n")
    p = subprocess.Popen([binary, "--db", db, "--log-level", "warn"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def send(m):
        p.stdin.write(json.dumps(m) + "\n")
        p.stdin.flush()

    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "explore", "version": "1"}}})
    p.stdout.readline()
    send({"jsonrpc": "2.0", "method": "notifications/initialized"})
    send({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": tool, "arguments": args}})
    for ln in p.stdout:
        m = json.loads(ln)
        if m.get("id") == 2:
            r = m.get("result", m)
            for c in r.get("content", []):
                if c.get("type") == "text":
                    print(c["text"])
            if r.get("isError"):
                print("(isError)")
            break
    p.stdin.close()
    p.wait()
