"""The questionnaire's pages: `family` for the family member with a personal link (no account),
`staff` for the adviser and the teamleider."""
