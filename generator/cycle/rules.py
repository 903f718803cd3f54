"""Rules of the office cycle (VB16x): nothing stale slips from one period's notice into the next — a prompt left
unwritten, a task reviewed without its status, an overdue task, a meeting or a period left over from last time.

Registered in ``generator.lint``'s rule table when this module is imported (``lint`` does so at its end)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator import placeholders, vnformat
from generator.cycle import period as periods
from generator.cycle import prompts
from generator.cycle.tasks import reviews, set_tasks
from generator.layout import STATUS_WORDS
from generator.errors import Severity
from generator.lint import Finding, LintContext, rule, short
from generator.model import TaskStatus

# A notice of conclusions goes out within days of its meeting (seeds 000–002: 3 to 10 days); a month and more
# usually means the meeting date was left over from the last notice.
MEETING_TO_NOTICE_DAYS = 31


@rule(prompts.CODE, "prompt-written", Severity.ERROR,
      f"Không còn chỗ `{prompts.PROMPT}` nào: mọi chỗ nhắc của bản nháp đã được viết.",
      "Chu trình văn bản: `vanban new` và `vanban carry` đánh dấu chỗ phải viết")
def prompt_written(context: LintContext) -> Iterator[Finding]:
    """What it does: finds the texts that still hold the `[cần viết]` marker of a draft.

    Why is this bad? `vanban new` and `vanban carry` put the marker where last period's words cannot serve
    (results, limitations, recommendations, new tasks); printed as it is, the notice would say nothing true.

    Example:
        ket_qua:
          noi_dung:
            - "[cần viết] kết quả thực hiện nhiệm vụ quý II/2021"
    Use instead:
        ket_qua:
          noi_dung:
            - Công tác dân vận quý II/2021 đạt nhiều kết quả …
    """
    yield from prompts.unwritten(context.strings)


@rule("VB161", "review-has-status", Severity.ERROR,
      "Mỗi nhiệm vụ kỳ trước trong `theo_doi` có ghi tình trạng.",
      "Chu trình văn bản: theo dõi, đôn đốc thực hiện kết luận")
def review_has_status(context: LintContext) -> Iterator[Finding]:
    """What it does: finds the tasks of last period (`theo_doi`) whose status is not written.

    Why is this bad? The review list is what the meeting checks; a task without a status is neither reported
    done nor carried on, so it silently drops out of the follow-up.

    Example:
        theo_doi:
          - nhiem_vu: Sơ kết 5 năm thực hiện Kết luận số 120-KL/TW
            trang_thai:
    Use instead:
        theo_doi:
          - nhiem_vu: Sơ kết 5 năm thực hiện Kết luận số 120-KL/TW
            trang_thai: hoan-thanh
    """
    choices = ", ".join(status.value for status in TaskStatus)
    for task in reviews(context.prepared):
        if task.status is None:
            yield (task.path, f"nhiệm vụ kỳ trước `{short(task.text)}` chưa ghi tình trạng — hãy ghi `trang_thai:` "
                              f"một trong: {choices}, hoặc xóa nhiệm vụ khỏi `theo_doi`")


def _reference_day(context: LintContext) -> dt.date:
    """The day a deadline is judged at: the notice's own date; for a draft not yet dated, the last day of its
    period, or the first day of its year when only the year is written; else today."""
    doc = context.document
    if doc.ngay:
        return doc.ngay
    if doc.ky:
        return periods.parse(doc.ky).end
    return dt.date(doc.nam, 1, 1) if doc.nam else context.today


@rule("VB162", "task-not-overdue", Severity.WARNING,
      "Không có nhiệm vụ chưa hoàn thành mà đã quá hạn vào ngày của văn bản.",
      "Chu trình văn bản: theo dõi, đôn đốc thực hiện kết luận")
def task_not_overdue(context: LintContext) -> Iterator[Finding]:
    """What it does: finds tasks whose deadline (`han`) has passed on the notice's date (today when undated)
    while their status is not `hoan-thanh`.

    Why is this bad? An overdue task either was done (its status was not updated) or needs a new deadline and a
    reminder; printed unchanged, the notice sets a deadline that is already gone.

    Example:
        han: 30/6/2021          # in a notice dated 12/7/2021
        trang_thai: dang-thuc-hien
    Use instead:
        han: 30/9/2021
        trang_thai: dang-thuc-hien
    """
    day = _reference_day(context)
    for task in set_tasks(context.prepared) + reviews(context.prepared):
        if not task.overdue(day) or (task.is_review and task.status is None):  # VB161 asks for the status first
            continue
        deadline = vnformat.short_date(task.deadline)
        if task.is_review:
            status = STATUS_WORDS[task.status].lower() if task.status else "chưa ghi tình trạng"
            yield (task.path, f"nhiệm vụ kỳ trước `{short(task.text)}` quá hạn {deadline} mà vẫn {status} — hãy "
                              "đôn đốc, ghi hạn mới khi giao lại, hoặc ghi `trang_thai: hoan-thanh` nếu đã xong")
        else:
            yield (task.path + ("han",), f"nhiệm vụ `{short(task.text)}` có hạn {deadline} đã qua vào ngày của văn "
                                         "bản — hãy ghi hạn mới")


@rule("VB163", "meeting-in-period", Severity.WARNING,
      "Ngày họp nằm trong kỳ của văn bản (hoặc đầu kỳ sau) và không cách ngày ban hành quá một tháng.",
      "Chu trình văn bản: ngày họp của kỳ trước không được sót lại")
def meeting_in_period(context: LintContext) -> Iterator[Finding]:
    """What it does: checks the meeting date (`hoi_nghi.ngay`) against the period (`ky`) and the issue date.

    Why is this bad? A notice of conclusions follows its meeting by days. A meeting outside the period (and
    outside the start of the next, when last period's review meeting is held) or a month before the notice is
    usually last period's date left in a copied file.

    Example:
        ky: quý III/2021
        hoi_nghi: {ngay: 09/4/2021}
        ngay: 12/10/2021
    Use instead:
        ky: quý III/2021
        hoi_nghi: {ngay: 08/10/2021}
        ngay: 12/10/2021
    """
    doc = context.document
    days = doc.hoi_nghi.ngay if doc.hoi_nghi else None
    if days is None:
        return
    meeting = days.last  # a meeting of several days is concluded on its last day
    when = days.text()
    if doc.ky:
        period = periods.parse(doc.ky)
        if not any(period.contains(day) or period.next().contains(day) for day in (days.first, days.last)):
            yield (("hoi_nghi", "ngay"),
                   f"ngày họp {when} không thuộc {period.text()} hay {period.next().text()} — có phải ngày họp của "
                   "kỳ trước còn sót lại? Hãy kiểm tra `hoi_nghi.ngay` và `ky`")
            return
    if doc.ngay is not None and dt.timedelta(days=MEETING_TO_NOTICE_DAYS) < doc.ngay - meeting:
        yield (("hoi_nghi", "ngay"),
               f"ngày họp {when} cách ngày ban hành {vnformat.short_date(doc.ngay)} hơn {MEETING_TO_NOTICE_DAYS} "
               "ngày — thông báo kết luận thường ra vài ngày sau cuộc họp; hãy kiểm tra `hoi_nghi.ngay` và `ngay`")


@rule("VB164", "period-mentions-agree", Severity.WARNING,
      "Các kỳ viết trong chữ là kỳ của văn bản hoặc kỳ sau, không phải một kỳ khác sót lại.",
      "Chu trình văn bản: kỳ cũ không được sót lại trong văn bản kỳ mới")
def period_mentions_agree(context: LintContext) -> Iterator[Finding]:
    """What it does: finds periods of the same length as `ky` written in any text that are neither `ky` nor
    the next period (the tasks' period).

    Why is this bad? Starting from last quarter's file, a "quý I" left in a quý II notice is the commonest
    stale word; `{ky}` and `{ky_sau}` in the text avoid it altogether.

    Example:
        ky: quý II/2021
        tieu_de: Về kết quả thực hiện nhiệm vụ quý I/2021
    Use instead:
        tieu_de: Về kết quả thực hiện nhiệm vụ {ky}
    """
    doc = context.document
    if not doc.ky:
        return
    period = periods.parse(doc.ky)
    expected = {period.index: period, period.next().index: period.next()}
    for path, text in context.strings:
        if path and path[0] in ("ky", "theo_doi"):  # the period itself; last period's tasks quote their own
            continue
        for mention in periods.find_mentions(text, {period.kind}, default_year=period.year):
            found = mention.period
            if found in (period, period.next()) or (not mention.has_year and found.index in expected):
                continue
            yield (path, f"`{text[mention.start:mention.end]}` khác kỳ của văn bản ({period.text()}) — có phải chữ "
                         f"của kỳ trước còn sót lại? Hãy sửa, hoặc viết `{{ky}}`/`{{ky_sau}}` để công cụ tự điền")


@rule("VB165", "placeholders-filled", Severity.ERROR,
      "Mỗi chỗ điền `{…}` là một chỗ điền có thật và văn bản có giá trị cho nó.",
      "Chu trình văn bản: kỳ và cuộc họp viết một lần, công cụ điền ở mọi chỗ")
def placeholders_filled(context: LintContext) -> Iterator[Finding]:
    """What it does: checks every `{…}` in every text: `{ky}`, `{ky_truoc}`, `{ky_sau}`, `{nam}` need `ky:` (or
    the date, for `{nam}`); `{hoi_nghi.ten}`, `{hoi_nghi.ngay}` … need that fact of the meeting; any other name is
    a typo.

    Why is this bad? A placeholder the tool cannot fill would print as typed, braces and all, in a signed notice.

    Example:
        trich_yeu: [KẾT LUẬN HỘI NGHỊ TRỰC BÁO {kyy}]
    Use instead:
        ky: quý II/2021
        trich_yeu: [KẾT LUẬN HỘI NGHỊ TRỰC BÁO {ky}]
    """
    yield from placeholders.check(context.document, context.strings)


@rule("VB166", "done-task-not-set-again", Severity.WARNING,
      "Một nhiệm vụ mà `theo_doi` ghi đã hoàn thành không còn nằm trong phần nhiệm vụ kỳ này.",
      "Chu trình văn bản: việc đã xong không giao lại")
def done_task_not_set_again(context: LintContext) -> Iterator[Finding]:
    """What it does: finds a task of the tasks part whose words are those of a task that the review list
    (`theo_doi`) reports done.

    Why is this bad? `vanban carry` offers last period's tasks again because it cannot know which were done;
    once the status says `hoan-thanh`, setting the same task again tells the units to redo finished work.

    Example:
        theo_doi:
          - {nhiem_vu: Sơ kết Kết luận 120-KL/TW, trang_thai: hoan-thanh}
        noi_dung:
          nhiem_vu:
            noi_dung:
              - noi_dung: Sơ kết Kết luận 120-KL/TW
    Use instead: delete the task from the tasks part.
    """
    done = {task.key for task in reviews(context.prepared) if task.status is TaskStatus.DONE}
    for task in set_tasks(context.prepared):
        if task.key in done:
            yield (task.path, f"nhiệm vụ `{short(task.text)}` đã ghi hoàn thành ở `theo_doi` mà vẫn được giao lại — "
                              "hãy xóa nhiệm vụ này khỏi phần nhiệm vụ")
