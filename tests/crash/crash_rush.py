#!/usr/bin/env python3
"""The deadline rush, killed: a short crash test for CI (bench/crash-rush is the long one).

Starts the server on a new SQLite file with the demo, gives ~30 fictitious organisations an API
token each (`partnering rush-setup`), and lets ~8 threads submit full responses as fast as the
server takes them. Mid-run the server is killed with SIGKILL, then started again on the same file.
Every receipt that was acknowledged (201, body read) before the kill must be stored with the same
SHA-256, that SHA-256 must be the copy's, `partnering audit verify` must pass, and the restarted
server must answer /healthz and accept a new submission.

Python's standard library only. Usage:
    python3 tests/crash/crash_rush.py --bin .build/debug/partnering --work /tmp/crash
"""
import argparse
import hashlib
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid

SENTENCES = [
    "We have worked in partnership with eleven local authorities in the North West since 2009, mostly on revenues, benefits and customer contact.",
    "Our approach starts from the council's own priorities and the outcomes its residents need, not from a standard service model.",
    "Staff transferring to the partnership would keep their terms and conditions, their pension arrangements and their recognised trades unions.",
    "We would invest in a shared customer relationship management platform in the first eighteen months, funded from the savings it makes possible.",
    "A joint board with equal representation would set the partnership's priorities each year and review performance every quarter.",
    "Savings would be shared with the council on an open-book basis, with a guaranteed minimum in each of the first five years.",
    "We would locate a regional service centre in Salford, bringing work for other public sector clients and creating around two hundred jobs.",
    "Every service would have measurable targets, agreed with the council and published, with service credits when they are missed.",
    "Apprenticeships and a graduate scheme would be open to Salford residents first, supported by the local colleges and the university.",
    "The main risk is disruption during transition, which we would manage with a phased plan, parallel running and clear fallback points.",
    "Elected members would keep full control of policy, budgets and priorities; the partnership delivers, the council decides.",
    "Knowledge would be transferred back to the council throughout, so that it could bring services in-house again if it chose to.",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prose(rng, words):
    out, n = [], 0
    while n < words:
        s = rng.choice(SENTENCES).split(" ")
        take = s[: words - n]
        out.append(" ".join(take))
        n += len(take)
    return " ".join(out)


def answers_for(questionnaire, rng, name):
    """An answer to every question but the file one (optional), of realistic length."""
    answers = {}
    first_short = True
    for section in questionnaire["sections"]:
        for q in section["questions"]:
            kind, qid = q["kind"], q["id"]
            if kind == "short-text":
                answers[qid] = name if first_short else "Jo Bloggs, Head of Partnerships, 0161 496 0100, jo@rush.example"
                first_short = False
            elif kind == "long-text":
                answers[qid] = prose(rng, min(int(q.get("wordLimit") or 500) - 20, rng.randint(100, 300)))
            elif kind == "single-choice":
                answers[qid] = rng.choice(q["options"])
            elif kind == "multiple-choice":
                answers[qid] = rng.sample(q["options"], rng.randint(1, min(3, len(q["options"]))))
            elif kind == "yes-no":
                answers[qid] = rng.choice(["yes", "no"])
            elif kind == "number":
                lo, hi = float(q.get("minimum") or 0), float(q.get("maximum") or 1000)
                answers[qid] = str(int(lo + (hi - lo) * rng.random() / 10))
            elif kind == "date":
                answers[qid] = "2027-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))
    return answers


class Server:
    def __init__(self, binary, env, port, log):
        self.binary, self.env, self.port, self.log = binary, env, port, log
        self.proc = None

    def start(self, wait=120):
        log = open(self.log, "ab")
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(self.port)],
            env=self.env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"crash-rush: the server exited ({self.proc.returncode}) while starting; see {self.log}")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    c.close()
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"crash-rush: the server did not answer /healthz within {wait} s; see {self.log}")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True, help="the partnering binary")
    ap.add_argument("--work", required=True, help="a folder for the database and logs (emptied first)")
    ap.add_argument("--organisations", type=int, default=30)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--kill-after", type=float, default=3.0, help="seconds of load before SIGKILL")
    ap.add_argument("--min-acknowledged", type=int, default=5,
                    help="on a slow machine, keep the load up (at most 30 s more) until this many receipts were acknowledged")
    args = ap.parse_args()

    binary = os.path.abspath(args.bin)
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    db = os.path.join(args.work, "crash.sqlite")
    env = dict(os.environ, DATABASE_URL=db, PARTNERING_DEMO_PASSWORD="crash-" + secrets.token_hex(8))
    env.pop("PARTNERING_AUDIT_KEY", None)
    port = free_port()
    server = Server(binary, env, port, os.path.join(args.work, "server.log"))
    try:
        return run(args, binary, env, db, port, server)
    finally:
        server.stop()


def run(args, binary, env, db, port, server):
    server.start()
    setup = subprocess.run([binary, "rush-setup", "--yes", "--organisations", str(args.organisations)],
                           env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    if setup.returncode != 0:
        print(setup.stdout, setup.stderr, sep="\n", file=sys.stderr)
        raise SystemExit("crash-rush: rush-setup failed")
    lines = setup.stdout.split()
    exercise = next(l for l in lines if re.fullmatch(r"[0-9a-f-]{36}", l))
    tokens = [l for l in lines if l.startswith("pt_")]
    assert len(tokens) == args.organisations, f"rush-setup gave {len(tokens)} tokens"
    base = f"/api/v1/exercises/{exercise}"

    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", base + "/questionnaire", headers={"Authorization": "Bearer " + tokens[0]})
    r = c.getresponse()
    assert r.status == 200, f"questionnaire: {r.status}"
    questionnaire = json.loads(r.read())
    c.close()

    acknowledged = []          # (receipt, sha256) for every 201 read in full
    lock = threading.Lock()
    stop = threading.Event()
    counts = {"flows": 0, "errors": 0, "non2xx": 0, "mismatches": 0}

    def worker(index):
        rng = random.Random(index)
        mine = tokens[index::args.threads] or [tokens[index % len(tokens)]]
        conn, turn = None, 0
        while not stop.is_set():
            token = mine[turn % len(mine)]
            turn += 1
            auth = {"Authorization": "Bearer " + token}
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", base + "/questionnaire", headers=auth)
                r = conn.getresponse()
                r.read()
                if r.status != 200:
                    with lock:
                        counts["non2xx"] += 1
                    continue
                body = json.dumps({"answers": answers_for(questionnaire, rng, f"Crash Rush Organisation {index}-{turn} (fictitious)")})
                conn.request("POST", base + "/response/submissions", body=body,
                             headers=dict(auth, **{"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())}))
                r = conn.getresponse()
                data = r.read()
                if r.status != 201:
                    with lock:
                        counts["non2xx"] += 1
                    continue
                receipt = json.loads(data)
                ok = hashlib.sha256(receipt["copy"].encode("utf-8")).hexdigest() == receipt["sha256"]
                with lock:
                    acknowledged.append((receipt["receipt"], receipt["sha256"]))
                    if not ok:
                        counts["mismatches"] += 1
                conn.request("GET", base + "/response", headers=auth)
                r = conn.getresponse()
                r.read()
                with lock:
                    if r.status == 200:
                        counts["flows"] += 1
                    else:
                        counts["non2xx"] += 1
            except (OSError, http.client.HTTPException, ValueError):
                with lock:
                    counts["errors"] += 1
                if conn is not None:
                    conn.close()
                conn = None
                time.sleep(0.05)
        if conn is not None:
            conn.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(args.threads)]
    started = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(args.kill_after)
    patience = time.monotonic() + 30
    while time.monotonic() < patience:
        with lock:
            if len(acknowledged) >= args.min_acknowledged:
                break
        time.sleep(0.1)
    with lock:
        before_kill = len(acknowledged)
    killed_at = time.monotonic() - started
    server.kill()                     # SIGKILL: no shutdown, no flush, mid-write
    time.sleep(0.5)                   # the threads see the connections fail
    stop.set()
    for t in threads:
        t.join(timeout=15)
    with lock:
        acked = list(acknowledged)
        errors_seen = counts["errors"]
    print(f"crash-rush: load from {args.threads} threads, SIGKILL after {killed_at:.1f} s: {counts['flows']} complete flows, "
          f"{len(acked)} receipts acknowledged ({before_kill} of them before the SIGKILL was sent), "
          f"{errors_seen} requests failed (the kill), {counts['non2xx']} non-2xx, {counts['mismatches']} copies not matching their SHA-256")

    problems = []
    if not acked:
        problems.append("no receipt was acknowledged before the kill: the load did not run")
    if counts["mismatches"]:
        problems.append(f"{counts['mismatches']} receipts' copies did not match their SHA-256")

    server.start()                    # the same file: SQLite recovers its WAL
    stored = {}
    con = sqlite3.connect(db)
    try:
        for number, sha, document in con.execute("SELECT receipt_number, sha256, document FROM submissions"):
            stored[number] = (sha, document)
    finally:
        con.close()
    missing = [n for n, _ in acked if n not in stored]
    wrong = [n for n, sha in acked if n in stored and stored[n][0] != sha]
    corrupt = [n for n, _ in acked if n in stored and hashlib.sha256(stored[n][1].encode("utf-8")).hexdigest() != stored[n][0]]
    if missing:
        problems.append(f"{len(missing)} acknowledged receipts are not stored: {missing[:5]}")
    if wrong:
        problems.append(f"{len(wrong)} stored receipts have another SHA-256 than acknowledged: {wrong[:5]}")
    if corrupt:
        problems.append(f"{len(corrupt)} stored copies do not match their SHA-256: {corrupt[:5]}")
    print(f"crash-rush: {len(stored)} submissions stored in all (acknowledged or not)")

    # The restarted server answers and takes a new submission.
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/healthz")
    r = c.getresponse()
    r.read()
    if r.status != 200:
        problems.append(f"/healthz after the restart: {r.status}")
    rng = random.Random(99)
    c.request("POST", base + "/response/submissions",
              body=json.dumps({"answers": answers_for(questionnaire, rng, "Crash Rush after restart (fictitious)")}),
              headers={"Authorization": "Bearer " + tokens[0], "Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())})
    r = c.getresponse()
    data = r.read()
    c.close()
    if r.status != 201:
        problems.append(f"a new submission after the restart: {r.status} {data[:200]!r}")
    else:
        receipt = json.loads(data)
        if hashlib.sha256(receipt["copy"].encode("utf-8")).hexdigest() != receipt["sha256"]:
            problems.append("the new submission's copy does not match its SHA-256")

    verify = subprocess.run([binary, "audit", "verify"], env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    if verify.returncode != 0:
        problems.append(f"audit verify exited {verify.returncode}: {(verify.stdout + verify.stderr).strip()[-400:]}")
    else:
        print("crash-rush: " + next((l for l in verify.stdout.splitlines() if "intact" in l), verify.stdout.strip().splitlines()[-1]))

    if problems:
        for p in problems:
            print("crash-rush: FAILED: " + p)
        return 1
    n = len(acked)
    print(f"crash-rush: {n} receipts acknowledged before the kill, all {n} stored and verified; audit trail intact")
    return 0


if __name__ == "__main__":
    sys.exit(main())
