"""The ids of the built-in instruments: the one place they are spelled.

An id names the data files in ``data/`` (``<id>.<language>.toml``) and is stored with every
invitation, response, round and published period, so it never changes. Code uses these
constants, never the string; which app stores the answers of an instrument is not decided by its
id but registered by that app (``krachtbron.lib.answer_sources.register_source``).
"""

from __future__ import annotations

#: "Aansluiten bij de kracht van gezinnen" (handreiking §6), filled in by families.
FAMILIES = "kracht-gezinnen"
#: "De kracht van professionals" (§7.1), a professional about themselves.
PROFESSIONALS = "kracht-professionals"
#: "De kracht van de organisatie" (§7.2), staff about their organisation, in anonymous rounds.
ORGANISATION = "kracht-organisatie"
