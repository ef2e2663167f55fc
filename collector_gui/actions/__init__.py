"""What a user can do, without Qt: the command line and the window both call these."""
