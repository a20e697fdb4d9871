"""The texts of corridor's errors, in English and Russian (keys of :data:`corridor.messages.TEXTS`).

An error is raised with a :class:`corridor.messages.Message` (a key of this table and its
parameters) instead of a plain text, exactly as the importers' notes are kept: the message
*is* its English text (``str(exc)`` is unchanged), and the error document, the CLI and the
dashboard render it in the reader's language (:meth:`corridor.errors.CorridorError.render`).
Values read from the user's files, codes and file names are parameters and stay as they
are.  :data:`ERRORS` is merged into :data:`corridor.messages.TEXTS` (one table of keyed
texts, one formatter: :func:`corridor.words.format_text`, ``{n#row}`` for counts).
"""

from __future__ import annotations

ERRORS: dict[str, dict[str, str]] = {
    # -- the framing of an error and of a problem (corridor.errors) ------------------------
    "err_at_line": {"en": "line {line}", "ru": "строка {line}"},
    "err_at_field": {"en": "field '{field}'", "ru": "поле «{field}»"},
    "err_where": {"en": "{where}: {text}", "ru": "{where}: {text}"},
    "err_got": {"en": "{text} (got {value!r})", "ru": "{text} (получено: {value!r})"},
    "err_expected": {"en": "{text}; expected {expected}", "ru": "{text}; ожидалось: {expected}"},
    "err_nothing_stored": {"en": "{head}{problem}. Nothing was stored.", "ru": "{head}{problem}. Ничего не сохранено."},
    "err_problems": {"en": "{head}{total} problem(s) found; nothing was stored:",
                     "ru": "{head}найдено проблем: {total}; ничего не сохранено:"},
    "err_more": {"en": "  ... and {n} more", "ru": "  ... и ещё {n}"},
    "err_internal": {"en": "internal error: {name}", "ru": "внутренняя ошибка: {name}"},
    "err_prefix": {"en": "error: {text}", "ru": "ошибка: {text}"},
    "err_interrupted": {"en": "interrupted: nothing was changed", "ru": "прервано: ничего не изменено"},
    "err_bytes": {"en": "{n} bytes", "ru": "{n} байт"},
    "err_at_most_bytes": {"en": "at most {n} bytes", "ru": "не более {n} байт"},
    # -- the HTTP API and the dashboard (corridor.web) --------------------------------------
    "web_internal": {"en": "the server failed to answer this request; the failure was logged on the server",
                     "ru": "сервер не смог ответить на этот запрос; сбой записан в журнал сервера"},
    "web_no_route": {"en": "no such route: {method} {path}; the routes are listed at {docs}",
                     "ru": "нет такого адреса: {method} {path}; список адресов: {docs}"},
    "web_no_method": {"en": "{path} does not take {method}; see {docs}", "ru": "{path} не принимает {method}; см. {docs}"},
    "web_bad_request": {"en": "bad request: {detail}", "ru": "неверный запрос: {detail}"},
    "web_path_parameter": {"en": "parameter {name!r} is not accepted: the server serves the workspace it was started "
                                 "with, and no request names a path on the server",
                           "ru": "параметр {name!r} не принимается: сервер обслуживает рабочее пространство, с которым он "
                                 "запущен, и запрос не может указывать путь на сервере"},
    "web_repeated": {"en": "parameter {name!r} given {n} times; expected once",
                     "ru": "параметр {name!r} задан {n#time}; ожидался один раз"},
    "web_not_allowed": {"en": "{name} {value!r} is not allowed; expected one of: {allowed}",
                        "ru": "недопустимое значение {name}: {value!r}; ожидалось одно из: {allowed}"},
    "web_table_csv": {"en": "parameter 'table' chooses one table of a CSV export; use it with format=csv",
                      "ru": "параметр «table» выбирает одну таблицу выгрузки CSV; используйте его с format=csv"},
    "web_upload_part": {"en": "{part!r} must be an uploaded file (a multipart file part named {part!r}); "
                              "no request names a path on the server",
                        "ru": "{part!r} должен быть загружаемым файлом (часть multipart с именем {part!r}); "
                              "запрос не может указывать путь на сервере"},
    "web_upload_parts": {"en": "upload the files to ingest as parts named 'files' (and a mapping as 'mapping'); got parts {parts}",
                         "ru": "загрузите файлы частями с именем «files» (и сопоставление — частью «mapping»); получены части: {parts}"},
    "web_none": {"en": "none", "ru": "нет"},
    "web_one_mapping": {"en": "upload one mapping file at most", "ru": "можно загрузить не более одного файла сопоставления"},
    "web_writes_off": {"en": "writes are off: this server was started without ${env}; start it with {env} set to allow uploads",
                       "ru": "запись выключена: сервер запущен без ${env}; чтобы разрешить загрузки, запустите его с заданной {env}"},
    "web_token_missing": {"en": "this request changes the workspace and needs 'Authorization: Bearer <token>'",
                          "ru": "этот запрос изменяет рабочее пространство и требует заголовка «Authorization: Bearer <token>»"},
    "web_token_wrong": {"en": "the token given is not this server's token", "ru": "переданный токен не является токеном этого сервера"},
    "web_file_name": {"en": "an uploaded file's name must be a plain file name",
                      "ru": "имя загружаемого файла должно быть простым именем файла"},
    "web_file_name_expected": {"en": "letters, digits, '.', '_' or '-', up to 200",
                               "ru": "буквы, цифры, «.», «_» или «-», не более 200"},
    "web_multipart": {"en": "an upload must be sent as multipart/form-data (files in parts named 'files')",
                      "ru": "загрузка должна отправляться как multipart/form-data (файлы в частях с именем «files»)"},
    "web_upload_size": {"en": "the upload is {size:,} bytes; this server accepts at most {limit:,}",
                        "ru": "размер загрузки {size:,} байт; сервер принимает не более {limit:,}"},
    "web_option_size": {"en": "the option {name!r} is longer than {limit} bytes",
                        "ru": "параметр {name!r} длиннее {limit} байт"},
    "web_upload_passed": {"en": "the upload passed {limit:,} bytes, the most this server accepts; it was not stored",
                          "ru": "загрузка превысила {limit:,} байт — предел этого сервера; она не сохранена"},
    "web_body_not_json": {"en": 'the body is not JSON; expected an object, e.g. {{"text": "...", "date": "2024-09-01"}}',
                          "ru": 'тело запроса не является JSON; ожидался объект, например {{"text": "...", "date": "2024-09-01"}}'},
    "web_body_not_object": {"en": 'the body must be a JSON object, e.g. {{"text": "...", "date": "2024-09-01"}}',
                            "ru": 'тело запроса должно быть объектом JSON, например {{"text": "...", "date": "2024-09-01"}}'},
    "web_body_size": {"en": "the body is {size:,} bytes; this route accepts at most {limit:,}",
                      "ru": "размер тела запроса {size:,} байт; этот адрес принимает не более {limit:,}"},
    "web_body_passed": {"en": "the body passed {limit:,} bytes, the most this route accepts",
                        "ru": "тело запроса превысило {limit:,} байт — предел этого адреса"},
    "web_token_short": {"en": "${env} is too short to guard writes; expected at least 16 characters",
                        "ru": "${env} слишком короткий для защиты записи; ожидалось не менее 16 символов"},
    "web_lang": {"en": "language {lang!r} is not supported; expected 'en' or 'ru'",
                 "ru": "язык {lang!r} не поддерживается; ожидалось «en» или «ru»"},
    "web_positive": {"en": "{name} must be positive; got {value}", "ru": "{name} должно быть положительным; получено: {value}"},
    "web_no_answer": {"en": "no answer named {name!r}; expected one of {names}",
                      "ru": "нет ответа с именем {name!r}; ожидалось одно из: {names}"},
    "web_side_flow": {"en": "side={side!r} flow={flow!r}: expected side economy|partner and flow export|import",
                      "ru": "side={side!r} flow={flow!r}: ожидалось side economy|partner и flow export|import"},
    "web_section_unavailable": {"en": "{text}: {side}/{flow}", "ru": "{text}: {side}/{flow}"},
    "web_no_page": {"en": "no page named {name!r}", "ru": "нет страницы с именем {name!r}"},
    "web_page_lang": {"en": "lang={lang!r} is not allowed; expected one of: {allowed}",
                      "ru": "недопустимое значение lang={lang!r}; ожидалось одно из: {allowed}"},
    "web_text_over": {"en": "text over {limit} bytes", "ru": "текст длиннее {limit} байт"},
    "web_download_format": {"en": "format {fmt!r}: expected csv or xlsx", "ru": "формат {fmt!r}: ожидался csv или xlsx"},
    "web_no_workspace": {"en": "no workspace", "ru": "нет рабочего пространства"},
    "web_download_table": {"en": "table {table!r}: expected one of {tables}", "ru": "таблица {table!r}: ожидалась одна из: {tables}"},
}
