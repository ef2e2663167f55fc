"""A user's template cannot hang `remind` or fill the memory (limits on time, range, sizes and
output), and one shared environment compiles each template once yet sees every edit."""

from __future__ import annotations

import os
import time

import pytest

from collector_gui.core.dunning import Stage
from collector_gui.documents import messages, template_env
from collector_gui.documents.messages import TemplateLimitError, render_message, sample_context

NAME = "reminders/en/polite.txt.j2"

HOSTILE = {
    "nested ranges": "{% for a in range(10000) %}{% for b in range(10000) %}{% for c in "
                     "range(10000) %}{% endfor %}{% endfor %}{% endfor %}x",
    "loops over a long string": "{% set s = 'ab' * 400000 %}{% for a in s %}{% for b in s %}"
                                "{% endfor %}{% endfor %}x",
    "a huge range": "{% for a in range(100000000) %}{% endfor %}x",
    "output": "{% for a in range(10000) %}{{ 'x' * 100 }}{% endfor %}",
    "string times": "{{ 'x' * 10 ** 9 }}",
    "doubling with ~": "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
                       "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    "doubling with +": "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
                       "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
    "a huge power": "{{ 7 ** 99999999 }}",
    "padding method": "{{ 'x'.center(1000000000) }}",
    "padding filter": "{{ 'x'|center(1000000000) }}",
    "format width": "{{ '{:>999999999}'.format(1) }}",
    "percent width": "{{ '%999999999d' % 1 }}",
    "recursive macro": "{% macro f(n) %}{% for i in range(9) %}{{ f(n) }}{% endfor %}"
                       "{% endmacro %}{{ f(1) }}",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_template_stops_with_a_clear_error(case):
    start = time.monotonic()
    with pytest.raises(TemplateLimitError) as caught:
        render_message(sample_context("en", Stage.POLITE), "en", Stage.POLITE,
                       overrides={"txt": HOSTILE[case]})
    assert time.monotonic() - start < template_env.TIME_BUDGET + 1.5
    message = str(caught.value)
    assert NAME in message and "stopped" in message
    # and the editor's check says so too, instead of hanging the window
    problems = messages.validate_template(HOSTILE[case], "txt", stage=Stage.POLITE)
    assert problems and "stopped" in problems[0].message


def test_the_limit_named_is_the_one_hit():
    def error(source: str) -> str:
        with pytest.raises(TemplateLimitError) as caught:
            render_message(sample_context(), "en", Stage.FINAL, overrides={"txt": source})
        return str(caught.value)

    assert "range()" in error(HOSTILE["a huge range"])
    assert "seconds" in error(HOSTILE["nested ranges"])
    assert "200,000 characters" in error(HOSTILE["output"])
    assert "1,000,000 characters" in error(HOSTILE["doubling with ~"])


def test_normal_templates_are_not_limited():
    source = ("{% for a in range(9000) %}{% if a % 1000 == 0 %}{{ a }} {% endif %}{% endfor %}"
              "{{ 'ab' * 1000 }}{{ client.name|center(80) }}{{ '%5d' % 7 }}")
    msg = render_message(sample_context(), "en", Stage.FINAL, overrides={"txt": source})
    assert msg.text.startswith("0 1000 2000") and "ab" * 1000 in msg.text


def test_one_environment_shared_and_compiled_once():
    ctx = sample_context("en", Stage.POLITE)
    first = render_message(ctx, "en", Stage.POLITE)
    env = messages.environment()
    assert env is messages.environment()  # one, shared
    before = env.get_template(NAME)
    assert render_message(ctx, "en", Stage.POLITE) == first
    assert env.get_template(NAME) is before  # compiled once, from the cache


def _write(path, text: str, mtime_ns: int | None = None) -> None:
    """Write in place (same inode), optionally forcing the modification time."""
    with open(path, "r+" if path.exists() else "w", encoding="utf-8") as fh:
        fh.seek(0)
        fh.write(text)
        fh.truncate()
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))


def test_a_users_edit_takes_effect_even_within_the_same_second():
    ctx = sample_context("en", Stage.POLITE)
    bundled = render_message(ctx, "en", Stage.POLITE).text
    # a user copy added over the bundled template is seen at once
    messages.save_user_copy("en", "polite", "txt", "First {{ client.name }}\n")
    assert render_message(ctx, "en", Stage.POLITE).text == "First Example Client Ltd\n"
    # edited in place, same second (same mtime to the nanosecond): the size differs
    path = messages.user_template_path("en", "polite", "txt")
    stamp = path.stat().st_mtime_ns
    _write(path, "Second, longer {{ client.name }}\n", stamp)
    assert render_message(ctx, "en", Stage.POLITE).text == "Second, longer Example Client Ltd\n"
    # same size, same second: a later mtime in nanoseconds still shows
    _write(path, "Second, LONGER {{ client.name }}\n", stamp + 1)
    assert render_message(ctx, "en", Stage.POLITE).text == "Second, LONGER Example Client Ltd\n"
    # saved again through the app (a new file put in place): seen
    messages.save_user_copy("en", "polite", "txt", "Third {{ client.name }}\n")
    assert render_message(ctx, "en", Stage.POLITE).text == "Third Example Client Ltd\n"
    # reset: back to the bundled template
    messages.reset_user_copy("en", "polite", "txt")
    assert render_message(ctx, "en", Stage.POLITE).text == bundled


def test_unsaved_overrides_never_reach_the_shared_cache():
    ctx = sample_context("en", Stage.POLITE)
    saved = render_message(ctx, "en", Stage.POLITE)
    preview = render_message(ctx, "en", Stage.POLITE, overrides={"txt": "Preview only\n"})
    assert preview.text == "Preview only\n" and preview.subject == saved.subject
    assert render_message(ctx, "en", Stage.POLITE) == saved
    # an HTML override is still escaped
    html = render_message(ctx, "en", Stage.POLITE, overrides={"html": "<p>{{ '<b>' }}</p>"})
    assert html.html == "<p>&lt;b&gt;</p>\n"


def test_limits_hold_on_another_thread():
    import threading

    errors: list[BaseException] = []

    def work() -> None:
        try:
            render_message(sample_context(), "en", Stage.FINAL,
                           overrides={"txt": HOSTILE["nested ranges"]})
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(template_env.TIME_BUDGET + 5)
    assert not thread.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], TemplateLimitError)
