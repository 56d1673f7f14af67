from bonavi.notifications.tests.smtp import smtp_inbox, smtp_server  # noqa: F401  (fixtures)
