from krachtbron.testing.matrix import Route

ROUTES = [Route("audit:access_log", allowed=frozenset({"beheerder"}))]
