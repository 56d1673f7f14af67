"""BOナビ — BackOffice Navi."""
