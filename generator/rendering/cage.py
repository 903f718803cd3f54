"""A template from elsewhere renders in a child process, which the parent kills past a time limit and which cannot
grow past a memory limit: neither a loop without end nor a runaway allocation — in Python or inside one C call,
where no signal reaches — can hang the program or take the machine's memory. The time limit holds everywhere; the
memory limit where the system offers one (Linux). The child hands back bytes — the result or a Vietnamese message —
never an exception, a traceback or a pickle."""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

from generator.rendering import TemplateError

try:
    import resource
except ImportError:  # Windows: no limits but the parent's kill
    resource = None

# On top of what the child holds at its start. A template at package.MAX_TOTAL_BYTES needs ~200 MB: python-docx holds
# its parts while guard unpacks and repacks them. The parent and this stay under 512 MB together.
MEMORY_LIMIT_BYTES = 256 * 1024 * 1024

_DONE, _REFUSED = b"D", b"R"  # the first byte of the child's reply


def run(job: Callable[..., bytes], args: tuple[Any, ...], template_name: str, seconds: float) -> bytes:
    """``job(*args)``, run in a child process; TemplateError with the child's message, or when the child runs past
    ``seconds``, or when it dies."""
    processes = _processes()
    reader, writer = processes.Pipe(duplex=False)
    child = processes.Process(target=_child, args=(writer, job, args, template_name, seconds), daemon=True)
    child.start()
    writer.close()  # the child now holds the only writer, so its death reads as the end of the pipe
    try:
        if not reader.poll(seconds):
            raise TemplateError(f"mẫu {template_name} chạy quá {seconds:g} giây (có vòng lặp không dừng?) — hãy "
                                "kiểm tra các thẻ {% for %} trong mẫu")
        try:
            reply = reader.recv_bytes()
        except EOFError as exc:
            child.join()
            raise TemplateError(f"mẫu {template_name} làm tiến trình dựng văn bản dừng đột ngột (mã thoát "
                                f"{child.exitcode})") from exc
    finally:
        reader.close()
        if child.is_alive():
            child.kill()
        child.join()
        child.close()
    if reply[:1] == _DONE:
        return reply[1:]
    raise TemplateError(reply[1:].decode("utf-8"))


def _processes():
    """Linux forks: the child, a copy of this process, starts at once with everything imported. A fork copies only
    the calling thread, so a lock held by another thread would stay held in the child — the deadline then turns that
    into a refusal, never a hang. macOS (where system libraries do not survive a fork) and Windows start a new
    interpreter, which imports the job's module and the main one, as multiprocessing's spawn does."""
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _child(writer, job: Callable[..., bytes], args: tuple[Any, ...], template_name: str, seconds: float) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it then kills the child
    _limit_resources(seconds)
    try:
        reply = _DONE + job(*args)
    except TemplateError as exc:
        reply = _REFUSED + str(exc).encode("utf-8")
    except MemoryError:
        reply = _REFUSED + (f"mẫu {template_name} cần quá nhiều bộ nhớ — có phép tính hay vòng lặp tạo ra dữ liệu "
                            "khổng lồ?").encode("utf-8")
    except Exception:  # noqa: BLE001 — whatever a hostile template breaks, the parent gets words, not a traceback
        reply = _REFUSED + (f"mẫu {template_name} làm hỏng việc dựng văn bản theo cách không lường trước — mẫu hỏng "
                            "hay cố ý gây hại?").encode("utf-8")
    writer.send_bytes(reply)
    writer.close()


def _limit_resources(seconds: float) -> None:
    """Let the child grow by MEMORY_LIMIT_BYTES at most, so that a runaway allocation fails as a MemoryError, and
    give it a CPU limit just past the parent's, which ends it should the parent die without killing it."""
    if resource is None:
        return
    _lower(resource.RLIMIT_CPU, math.ceil(seconds) + 1)
    size = _address_space()
    if size is not None:
        _lower(resource.RLIMIT_AS, size + MEMORY_LIMIT_BYTES)


def _lower(kind: int, value: int) -> None:
    soft, hard = resource.getrlimit(kind)
    limits = [limit for limit in (value, soft, hard) if limit != resource.RLIM_INFINITY]
    resource.setrlimit(kind, (min(limits), hard))


def _address_space() -> int | None:
    """The child's address space now, in bytes, where the system tells it (Linux's /proc)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return None
