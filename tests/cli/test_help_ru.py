"""The CLI's help in Russian (``CORRIDOR_LANG=ru``): every command's and option's help text
has its Russian text; English stays the default."""

from __future__ import annotations

import re

import typer.main
from typer.testing import CliRunner

from corridor.cli.help_ru import HELP, commands, help_texts, norm
from corridor.cli.main import app

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def _english_texts() -> list[tuple[str, str]]:
    """(command path, help text) of every command, option, argument and --help of the CLI."""
    root = typer.main.get_command(app)
    out = []
    for command in commands(root):
        for obj, attr in help_texts(command):
            text = obj.__dict__.get("_corridor_help_en", getattr(obj, attr))
            if text:
                out.append((f"{command.name} {getattr(obj, 'name', '')}", norm(text)))
    return out


def test_every_help_text_of_every_command_and_option_has_its_russian_text():
    texts = _english_texts()
    assert len(texts) > 100  # every command, every option (not a walk that sees nothing)
    missing = sorted({t for _, t in texts if t not in HELP})
    assert not missing, "help texts without a Russian text in corridor.cli.help_ru.HELP:\n" + "\n".join(missing)
    assert all(CYRILLIC.search(ru) for ru in HELP.values())


def test_no_russian_text_is_left_unused():
    used = {t for _, t in _english_texts()} | {"Show this message and exit."}
    assert not sorted(set(HELP) - used)


def test_help_is_russian_with_corridor_lang_ru_and_english_by_default():
    run = CliRunner().invoke
    for args in (["--help"], ["monitor", "--help"], ["download", "baci", "--help"], ["opportunities", "--help"]):
        ru = run(app, args, env={"CORRIDOR_LANG": "ru", "COLUMNS": "100"})
        assert ru.exit_code == 0, ru.output
        assert "Использование:" in ru.output and "Usage:" not in ru.output
        assert "Options" not in ru.output and "Show this message" not in ru.output and "[default" not in ru.output
        en = run(app, args, env={"COLUMNS": "100"})
        assert en.exit_code == 0 and "Usage:" in en.output and "Использование" not in en.output
        assert not CYRILLIC.search(en.output)
    ru = run(app, ["monitor", "--help"], env={"CORRIDOR_LANG": "ru", "COLUMNS": "100"}).output
    assert "Экспорт, импорт, товарооборот и сальдо" in ru and "Первый год." in ru and "[по умолчанию: 2015]" in ru


def test_corridor_lang_is_the_default_of_lang(tmp_path):
    res = CliRunner().invoke(app, ["provenance", "--workspace", str(tmp_path / "none")], env={"CORRIDOR_LANG": "xx"})
    assert res.exit_code == 2 and "lang" in res.output


def test_usage_errors_are_russian_with_lang_ru_or_corridor_lang_ru():
    """A mistyped command line answered in English («No such option: --bogus», «Missing
    argument 'partner'.») whatever the language; the usage errors now follow ``--lang`` (on
    the command line) or ``$CORRIDOR_LANG``, and stay English by default."""
    run = CliRunner().invoke
    cases = {
        ("ingest", "--bogus"): "нет такого параметра: --bogus",
        ("monitor", "KAZ"): "не задан аргумент «partner»",
        ("monitr",): "нет такой команды «monitr». Возможно, имелась в виду «monitor»?",
        ("monitor", "KAZ", "CHN", "--from", "abc"): "недопустимое значение «--from»: ожидалось целое число",
        ("monitor", "KAZ", "CHN", "x", "y"): "лишние аргументы: x y",
        ("monitor", "KAZ", "CHN", "--fro", "2020"): "нет такого параметра: --fro (возможно: --format, --from, --to)",
    }
    for args, ru in cases.items():
        by_option = run(app, [*args, "--lang", "ru"], env={"COLUMNS": "200"})
        by_env = run(app, list(args), env={"CORRIDOR_LANG": "ru", "COLUMNS": "200"})
        for res in (by_option, by_env):
            assert res.exit_code == 2 and ru in res.output and "Ошибка" in res.output, (args, res.output)
        en = run(app, list(args), env={"COLUMNS": "200"})
        assert en.exit_code == 2 and not CYRILLIC.search(en.output), (args, en.output)
    by_option = run(app, ["monitor", "KAZ", "--lang", "en"], env={"CORRIDOR_LANG": "ru", "COLUMNS": "200"})
    assert "Missing argument 'partner'." in by_option.output  # the command line's --lang wins
