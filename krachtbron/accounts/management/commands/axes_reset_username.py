"""axes's ``axes_reset_username``, written in the access log (see ``_axes_logged``)."""

from axes.management.commands.axes_reset_username import Command as AxesCommand

from krachtbron.accounts.management.commands._axes_logged import logged

Command = logged(AxesCommand)
