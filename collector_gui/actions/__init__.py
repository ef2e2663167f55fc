"""What a user can do, without Qt: the command line and the window both call these."""

from collector_gui.actions.thanks_rules import register as _register_thanks

_register_thanks()  # every payment recorded through actions may queue a thank-you
