"""axes's ``axes_reset_failure_logs``, written in the access log (see ``_axes_logged``)."""

from axes.management.commands.axes_reset_failure_logs import Command as AxesCommand

from krachtbron.accounts.management.commands._axes_logged import logged

Command = logged(AxesCommand)
