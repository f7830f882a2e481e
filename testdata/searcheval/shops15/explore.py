# The wrapper the newuser20 work searched the garden centre with while trying it: it starts
# the server over stdio (as Claude Desktop does), calls one tool and prints the result. A
# search_products or recommend text that is one of the judged texts of gardencentre.jsonl
# (compared in lower case, letters and digits only) is refused before anything runs; every
# text searched is added to explored.txt.
#
#   python3 explore.py BINARY DB TOOL [name=value ...]   (a value in JSON or a string)
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def norm(s):
    return " ".join(re.findall(r"[a-z0-9]+", s.lower()))


def judged():
    with open(os.path.join(HERE, "gardencentre.jsonl"), encoding="utf-8") as f:
        return {norm(json.loads(ln)["query"]) for ln in f if ln.strip()}


def main():
    binary, db, tool = sys.argv[1:4]
    args = {}
    for a in sys.argv[4:]:
        k, v = a.split("=", 1)
        try:
            args[k] = json.loads(v)
        except ValueError:
            args[k] = v
    for k in ("query", "context"):
        if tool in ("search_products", "recommend") and isinstance(args.get(k), str):
            if norm(args[k]) in judged():
                sys.exit("refused: that text is a judged query of gardencentre.jsonl")
            with open(os.path.join(HERE, "explored.txt"), "a", encoding="utf-8") as f:
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


main()
