"""One request, one reading of each (region, day)'s rule set: the cache of
`rulesets.engine.rules_on` lives exactly as long as the request, reset in `finally` even
when a response is never closed (a test's WSGI client, a streaming error)."""

from .engine import _cache


def rules_cache(get_response):
    def middleware(request):
        token = _cache.set({})
        try:
            return get_response(request)
        finally:
            _cache.reset(token)

    return middleware
