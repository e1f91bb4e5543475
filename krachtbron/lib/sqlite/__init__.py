"""Django's SQLite backend, with writers that queue in the kernel instead of polling
(``krachtbron.lib.sqlite.base``). ``ENGINE = "krachtbron.lib.sqlite"``."""
