import pytest


@pytest.fixture
def seal(django_capture_on_commit_callbacks):
    """``seal_pending`` as it runs in production, where its transaction commits: the head it
    reached is then written to the head file. (A test's own transaction never commits, so
    without this the head would never be written.)"""
    from krachtbron.audit.sealing import seal_pending

    def run(**options):
        with django_capture_on_commit_callbacks(execute=True):
            return seal_pending(**options)

    return run


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...`` runs what the block registered for after its commit (the head
    written to the head file), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
