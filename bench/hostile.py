"""Hostile files and hostile clients against the real commands, with peak memory and time.

    python bench/hostile.py                 # every case; writes docs/reliability.md
    python bench/hostile.py --no-server     # the files only
    python bench/hostile.py --no-docs       # print only

Generates the bombs, deep and oversize files in a temporary folder, runs ``svodka ingest``
and ``svodka extract`` on each in a fresh process (peak RSS from the kernel's accounting
for that process alone) and checks what the store holds afterwards. Then starts
``svodka serve`` on 127.0.0.1 over a store of news texts and measures ``/api/stats``
idle and while five hostile searches loop and abandoned extracts arrive. Everything is
bounded: fixed request counts, timeouts on every socket, the server stopped at the end.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news"
DOCS = ROOT / "docs" / "reliability.md"
sys.path.insert(0, str(ROOT / "bench"))
from sections import replace_section  # noqa: E402

HOST = "127.0.0.1"
SVODKA = [sys.executable, "-m", "svodka"]
RSS_TARGET_MB = 600
GOOD = [{"id": f"good-{n}", "content": text} for n, text in enumerate([
    "Министр финансов Антон Силуанов заявил, что бюджет исполнен с профицитом.",
    "Синоптики обещают снег в Москве в четверг, сообщил Гидрометцентр."])]
GIB = 1024 ** 3


def jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def run_measured(args: list[str], timeout: float = 900) -> dict:
    """Run a command; its exit code, stderr, wall time and its own peak RSS in MB."""
    started = time.monotonic()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    killer = threading.Timer(timeout, process.kill)
    killer.start()
    stdout = process.stdout.read()
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    killer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    return {"code": process.returncode, "stdout": stdout.decode(errors="replace"),
            "stderr": stderr.decode(errors="replace"), "seconds": time.monotonic() - started,
            "rss_mb": usage.ru_maxrss / 1024}


def write_stream(path: Path, chunks, opener) -> None:
    with opener(path) as out:
        for chunk in chunks:
            out.write(chunk)


def zeros(total: int, chunk: int = 8 * 1024 * 1024):
    block = b" " * chunk
    for _ in range(total // chunk):
        yield block


def make_files(folder: Path, bomb_bytes: int) -> dict[str, Path]:
    files = {}
    deep = b'{"content": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    files["deep.jsonl"] = folder / "deep.jsonl"
    files["deep.jsonl"].write_bytes(jsonl(GOOD[:1]) + deep + jsonl(GOOD[1:]))
    files["bomb.jsonl.gz"] = folder / "bomb.jsonl.gz"
    write_stream(files["bomb.jsonl.gz"], [jsonl(GOOD[:1]), *zeros(bomb_bytes)],
                 lambda p: gzip.GzipFile(p, "wb", compresslevel=9))
    files["bomb.zip"] = folder / "bomb.zip"
    with zipfile.ZipFile(files["bomb.zip"], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("bomb.jsonl", "w", force_zip64=True) as member:
            for chunk in zeros(bomb_bytes):
                member.write(chunk)
        archive.writestr("good.jsonl", jsonl(GOOD))
    files["31mb.txt"] = folder / "31mb.txt"
    files["31mb.txt"].write_bytes("Очень длинный текст без конца. ".encode() * (31 * 2**20 // 57))
    files["guid.jsonl"] = folder / "guid.jsonl"
    files["guid.jsonl"].write_bytes(jsonl([{"guid": "rt-17", "content": GOOD[0]["content"]}]))
    files["nul.jsonl"] = folder / "nul.jsonl"
    files["nul.jsonl"].write_bytes(jsonl([{"id": "z1", "content": "Министр\u0000 заявил, что "
                                                                  "цены\u0000 растут."}]))
    files["empty.jsonl"] = folder / "empty.jsonl"
    files["empty.jsonl"].write_bytes(b"")
    return files


def summary_line(stdout: str) -> str:
    return next((line for line in stdout.splitlines() if line.startswith("read ")), "")


def file_cases(folder: Path, files: dict[str, Path]) -> list[dict]:
    cases = [
        ("deep.jsonl", ["ingest", "-q"], "stored 2", "1 line nested 100,000 deep between 2 good"),
        ("deep.jsonl", ["extract", "--format", "jsonl"], None, "the same, extract"),
        ("bomb.jsonl.gz", ["ingest", "-q"], "stored 1",
         f"{files['bomb.jsonl.gz'].stat().st_size / 2**20:.1f} MB .gz, 1 good line, then "
         "2.6 GB of spaces"),
        ("bomb.jsonl.gz", ["ingest"], "stored 0 + duplicates 1", "the same, with the progress "
         "estimate (not -q)"),
        ("bomb.zip", ["ingest", "-q"], "stored 2",
         f"{files['bomb.zip'].stat().st_size / 2**20:.1f} MB .zip: a 2.6 GB member and a good one"),
        ("31mb.txt", ["extract"], None, "a 31 MB one-line text, extract"),
        ("31mb.txt", ["ingest", "-q"], "rejected 1 (too_large 1)", "the same, ingest"),
        ("guid.jsonl", ["ingest", "-q", "--id-field", "guid"], "stored 1", "--id-field guid"),
        ("nul.jsonl", ["ingest", "-q"], "stored 1", "NUL characters in the text"),
        ("empty.jsonl", ["ingest", "-q"], "rejected 1 (empty 1)", "an empty .jsonl"),
    ]
    results = []
    for name, command, expected, label in cases:
        db = folder / f"{name}.db"
        args = [*SVODKA, command[0], str(files[name]), *command[1:]]
        if command[0] == "ingest":
            args += ["--db", str(db)]
        print(f"bench: {command[0]} {name} …", file=sys.stderr)
        result = run_measured(args)
        line = summary_line(result["stdout"])
        traceback = "Traceback" in result["stderr"]
        ok = not traceback and (expected in line if expected else result["code"] in (0, 1))
        if name == "deep.jsonl" and command[0] == "extract":
            ok = ok and result["stdout"].count('"id": "good-') == 2
        results.append({**result, "case": label, "command": f"svodka {' '.join(command)}",
                        "outcome": line or _last_line(result["stderr"]), "ok": ok,
                        "traceback": traceback})
    return results


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.startswith("svodka:")]
    return lines[-1][:140] if lines else text.strip()[-140:]


# -- the server -------------------------------------------------------------------------------

def build_store(db: str, count: int) -> int:
    """News texts stored without extraction: a real-sized search index, with no models."""
    from svodka.record import Article
    from svodka.store import open_store, prepare

    texts: list[str] = []
    for path in sorted(NEWS.glob("*.jsonlines.zip")) if NEWS.exists() else []:
        if len(texts) == count:
            break
        with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as lines:
            for line in lines:
                if len(texts) == count:
                    break
                texts.append(json.loads(line)["content"])
    if not texts:
        texts = [f"Сводка {n}. " + "В Москве и в области по данным синоптиков пойдёт снег. " * 40
                 for n in range(count)]
    articles = [Article(id=f"news-{number}", text=text) for number, text in enumerate(texts)]
    with open_store(db) as store:
        for start in range(0, len(articles), 100):
            store.add_prepared([prepare(article) for article in articles[start:start + 100]])
        return store.stats()["articles"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def timed_get(client: httpx.Client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    response.raise_for_status()
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def stats_latency(base: str, count: int) -> list[float]:
    with httpx.Client(base_url=base, timeout=30) as client:
        timings = []
        for _ in range(count):
            timings.append(timed_get(client, "/api/stats"))
            time.sleep(0.05)
        return timings


def hostile_searches(base: str, stop: threading.Event, outcomes: list[int]) -> None:
    queries = ["и в " * 125, " ".join(["и", "в", "на", "по", "с", "не", "что", "как"] * 8),
               "заявил " * 70]
    with httpx.Client(base_url=base, timeout=60) as client:
        number = 0
        while not stop.is_set():
            response = client.get("/api/search", params={"q": queries[number % len(queries)][:500]})
            outcomes.append(response.status_code)
            number += 1


def abandoned_extracts(port: int, stop: threading.Event, sent: list[int]) -> None:
    """An 1.8 MB body, and a text within the limit, each sent and the socket closed at once."""
    big = ("Министр заявил, что цены растут. " * 60_000).encode()[:1_800_000]
    small = ("Министр финансов Антон Силуанов заявил, что бюджет исполнен. " * 1_400).encode()
    for body in [big, small] * 3:
        if stop.is_set():
            return
        with socket.create_connection((HOST, port), timeout=30) as sock:
            sock.sendall(b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                         b"text/plain\r\nContent-Length: " + str(len(body)).encode() +
                         b"\r\n\r\n" + body)
        sent.append(len(body))
        time.sleep(1)


def seconds_until_closed(port: int, opening: bytes, trickle: bytes = b"") -> float:
    started = time.monotonic()
    with socket.create_connection((HOST, port), timeout=60) as sock:
        sock.sendall(opening)
        sock.settimeout(0.5)
        for number in range(240):
            try:
                if not sock.recv(65536):
                    break
            except socket.timeout:
                pass
            except ConnectionError:
                break
            if number < len(trickle):
                try:
                    sock.sendall(trickle[number:number + 1])
                except ConnectionError:
                    break
    return time.monotonic() - started


def server_cases(folder: Path, articles: int) -> dict:
    db = str(folder / "news.db")
    stored = build_store(db, articles)
    port = free_port()
    base = f"http://{HOST}:{port}"
    server = subprocess.Popen([*SVODKA, "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{base}/api/stats", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.5)
        idle = stats_latency(base, 100)
        stop = threading.Event()
        outcomes: list[int] = []
        sent: list[int] = []
        load = [threading.Thread(target=hostile_searches, args=(base, stop, outcomes))
                for _ in range(5)]
        load.append(threading.Thread(target=abandoned_extracts, args=(port, stop, sent)))
        for thread in load:
            thread.start()
        time.sleep(2)
        loaded = stats_latency(base, 100)
        stop.set()
        for thread in load:
            thread.join(120)
        with httpx.Client(base_url=base, timeout=120) as client:
            started = time.perf_counter()
            after = client.post("/api/extract", content="Министр заявил, что цены растут.",
                                headers={"content-type": "text/plain"})
            next_extract = (time.perf_counter() - started) * 1000
            refused_host = client.get("/api/stats", headers={"host": "attacker.example"})
        slow_headers = seconds_until_closed(port, b"GET /api/stats HTTP/1.1\r\n",
                                            b"X-Slow: " + b"a" * 200)
        slow_body = seconds_until_closed(
            port, b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain"
                  b"\r\nContent-Length: 100\r\n\r\nten bytes.")
    finally:
        server.terminate()
        try:
            _, log = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            _, log = server.communicate()
    log = log.decode(errors="replace")
    return {"articles": stored, "idle": idle, "loaded": loaded,
            "searches": len(outcomes), "search_codes": sorted(set(outcomes)),
            "abandoned": len(sent), "next_extract_ms": next_extract,
            "next_extract_code": after.status_code, "refused_host": refused_host.status_code,
            "slow_headers_s": slow_headers, "slow_body_s": slow_body,
            "server_tracebacks": log.count("Traceback"), "server_errors": log.count("ERROR")}


# -- the report ---------------------------------------------------------------------------------

def report(files: list[dict], server: dict | None, bomb_bytes: int) -> str:
    load = os.getloadavg()[0]
    lines = [f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC by `python bench/hostile.py` "
             f"on {os.cpu_count()} cores, load average {load:.1f} at the end (a shared machine: "
             "times are noise, memory is not). Bombs expand to "
             f"{bomb_bytes / GIB:.1f} GB.", "",
             "| case | command | outcome | peak RSS MB | s | ok |", "|---|---|---|---|---|---|"]
    for r in files:
        lines.append(f"| {r['case']} | `{r['command']}` | {r['outcome'].replace('|', '/')} | "
                     f"{r['rss_mb']:.0f} | {r['seconds']:.1f} | "
                     f"{'yes' if r['ok'] and r['rss_mb'] <= RSS_TARGET_MB else 'NO'} |")
    peak = max(r["rss_mb"] for r in files)
    lines += ["", f"Tracebacks: {sum(r['traceback'] for r in files)}; cases failing their check: "
              f"{sum(not r['ok'] for r in files)}; peak RSS {peak:.0f} MB (target ≤ {RSS_TARGET_MB})."]
    if server:
        s = server
        lines += ["", f"Server (`svodka serve`, one worker, {s['articles']} news texts): "
                  "`/api/stats` one request every 50 ms.", "",
                  "| while | p50 ms | p95 ms | max ms |", "|---|---|---|---|",
                  f"| idle | {statistics.median(s['idle']):.1f} | {percentile(s['idle'], .95):.1f} | "
                  f"{max(s['idle']):.1f} |",
                  f"| 5 hostile searches looping + abandoned extracts | "
                  f"{statistics.median(s['loaded']):.1f} | {percentile(s['loaded'], .95):.1f} | "
                  f"{max(s['loaded']):.1f} |", "",
                  f"Hostile searches answered: {s['searches']} (status {s['search_codes']}); "
                  f"abandoned extracts sent: {s['abandoned']}; the next small extract took "
                  f"{s['next_extract_ms']:.0f} ms (status {s['next_extract_code']}); Host "
                  f"attacker.example: {s['refused_host']}; a client trickling headers was cut off "
                  f"after {s['slow_headers_s']:.1f} s, a stalled body after {s['slow_body_s']:.1f} s; "
                  f"server log: {s['server_tracebacks']} tracebacks, {s['server_errors']} ERROR lines."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-gb", type=float, default=2.6)
    parser.add_argument("--articles", type=int, default=2000,
                        help="news texts in the server's store")
    parser.add_argument("--no-server", action="store_true")
    parser.add_argument("--no-files", action="store_true")
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()
    bomb_bytes = int(args.bomb_gb * GIB) // (8 * 2**20) * 8 * 2**20
    with tempfile.TemporaryDirectory(prefix="svodka-hostile-") as tmp:
        folder = Path(tmp)
        files = []
        if not args.no_files:
            print("bench: writing the hostile files …", file=sys.stderr)
            files = file_cases(folder, make_files(folder, bomb_bytes))
        server = None if args.no_server else server_cases(folder, args.articles)
    text = report(files, server, bomb_bytes) if files else report(
        [{"rss_mb": 0, "traceback": False, "ok": True, "case": "-", "command": "-",
          "outcome": "files not run", "seconds": 0}], server, bomb_bytes)
    print(text)
    if not args.no_docs:
        replace_section(DOCS, "hostile", f"## Hostile files and clients (`bench/hostile.py`)\n\n{text}")


if __name__ == "__main__":
    main()
