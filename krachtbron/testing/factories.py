"""factory_boy factories for tests and benchmarks."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from krachtbron.accounts.models import Role, Team, User
from krachtbron.families.choices import LifeDomain, MemberRole
from krachtbron.families.models import CaseAssignment, Family, FamilyMember, Goal

PASSWORD = "correct horse battery staple"  # noqa: S105


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Medewerker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.ADVISEUR
    team = factory.SubFactory(TeamFactory)

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def device(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted is not False:
            TOTPDevice.objects.create(user=self, name="test", confirmed=True)


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"KB-T-{n:05d}")
    display_name = factory.Sequence(lambda n: f"Gezin {n}")
    team = factory.SubFactory(TeamFactory)

    @factory.post_generation
    def advisers(self, create: bool, extracted: list[User] | None, **kwargs: object) -> None:
        for adviser in extracted or []:
            CaseAssignment.objects.create(family=self, adviser=adviser)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyMember

    family = factory.SubFactory(FamilyFactory)
    first_name = "Sara"
    role = MemberRole.PARENT
    birth_year = 1988
    # An opvoeder has gezag unless a test says otherwise; others have no gezag to record.
    has_parental_authority = factory.LazyAttribute(
        lambda member: True if member.role == MemberRole.PARENT else None
    )


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    family = factory.SubFactory(FamilyFactory)
    text = "Weer rustig samen eten"
    life_domain = LifeDomain.PARENTING
