"""The maturity ladder: suspect -> prospect froid/tiède/chaud -> client (or perdu)."""

import pytest

from prospection.lifecycle import (
    EVENTS, Funnel, Prospect, Stage, TransitionError, next_stage, simulate_contacts, simulate_funnel,
)


def test_qualification_turns_a_suspect_into_a_prospect_of_its_class():
    assert next_stage("suspect", "qualification", classe="froid") is Stage.FROID
    assert next_stage("suspect", "qualification", classe="tiede") is Stage.TIEDE
    assert next_stage("suspect", "qualification", classe="Chaud") is Stage.CHAUD


def test_a_full_journey_to_client():
    p = Prospect("Basket Club Angevin")
    p.apply("qualification", classe="froid")
    p.apply("interet_exprime")
    assert p.stage is Stage.TIEDE
    p.apply("projet_date", horizon="court")
    assert p.stage is Stage.CHAUD
    p.apply("rendez_vous")
    p.apply("devis_accepte")
    assert p.stage is Stage.CLIENT
    assert [e for e, _ in p.history] == ["qualification", "interet_exprime", "projet_date", "rendez_vous", "devis_accepte"]


def test_long_term_project_makes_a_prospect_tiede_and_the_deadline_warms_it():
    assert next_stage("froid", "projet_date", horizon="moyen_long") is Stage.TIEDE
    assert next_stage("tiède", "echeance_proche") is Stage.CHAUD


def test_refusal_and_competitor_make_the_contact_froid_as_in_the_mission():
    # Document 1 of the salon mission: no interest for now -> froid, record kept in the SIC.
    assert next_stage("chaud", "refus") is Stage.FROID
    assert next_stage("tiède", "achat_concurrent") is Stage.FROID
    assert next_stage("suspect", "achat_concurrent") is Stage.FROID


def test_only_an_opposition_loses_the_contact_until_it_comes_back():
    assert next_stage("tiède", "opposition") is Stage.PERDU
    assert next_stage("client", "opposition") is Stage.PERDU
    assert next_stage("perdu", "reactivation") is Stage.SUSPECT


def test_no_news_cools_down_one_step():
    assert next_stage("chaud", "sans_nouvelles") is Stage.TIEDE
    assert next_stage("tiède", "sans_nouvelles") is Stage.FROID


@pytest.mark.parametrize("stage, event", [
    ("suspect", "devis_accepte"), ("froid", "devis_accepte"), ("client", "refus"), ("perdu", "opposition"),
    ("perdu", "rendez_vous"), ("client", "reactivation"), ("froid", "echeance_proche"),
])
def test_impossible_events_raise_a_french_error(stage, event):
    with pytest.raises(TransitionError, match="n'a pas de sens"):
        next_stage(stage, event)


def test_unknown_event_and_class_are_refused():
    with pytest.raises(TransitionError, match="Événement inconnu"):
        next_stage("suspect", "signature")
    with pytest.raises(TransitionError, match="Classe inconnue"):
        next_stage("suspect", "qualification", classe="brûlant")
    with pytest.raises(TransitionError, match="horizon"):
        next_stage("tiède", "projet_date")


def test_every_event_has_a_french_description():
    assert EVENTS and all(desc and desc[0].islower() for desc in EVENTS.values())


def test_simulate_funnel_counts_are_consistent():
    f = simulate_funnel(1000, taux_qualification=0.6, repartition={"froid": 0.5, "tiède": 0.3, "chaud": 0.2},
                        taux_rechauffement=0.5, taux_conversion=0.25)
    assert f.total == 1000
    assert f["suspect"] == 400 and f["froid"] == 300
    # 180 tièdes, half warm up -> 90 tièdes, 120 + 90 = 210 chauds, a quarter sign.
    assert f["tiède"] == 90 and f["client"] == 52 and f["chaud"] == 158
    values = [n for _, n in f.etapes()]
    assert values == sorted(values, reverse=True)
    assert f.etapes()[0] == ("Suspects", 1000)


def test_simulate_funnel_rejects_bad_rates():
    with pytest.raises(ValueError, match="100"):
        simulate_funnel(100, repartition={"froid": 0.5, "tiède": 0.5, "chaud": 0.5})
    with pytest.raises(ValueError, match="entre 0 et 1"):
        simulate_funnel(100, taux_conversion=1.5)


def test_funnel_from_stages_and_random_journeys_are_reproducible():
    f = Funnel.from_stages(["froid", "tiede", "chaud", "chaud"])
    assert (f["froid"], f["tiède"], f["chaud"], f.total) == (1, 1, 2, 4)
    a = [p.stage for p in simulate_contacts(200, seed=3)]
    b = [p.stage for p in simulate_contacts(200, seed=3)]
    assert a == b
    assert {Stage.SUSPECT, Stage.FROID, Stage.CLIENT} <= set(a)


def test_funnel_split_never_goes_negative_and_keeps_the_total():
    # 3 qualified, half froid / half chaud: rounding each share alone gave tiède = -1.
    from prospection.lifecycle import Stage, simulate_funnel
    funnel = simulate_funnel(3, taux_qualification=1.0,
                             repartition={"froid": 0.5, "tiède": 0.0, "chaud": 0.5},
                             taux_rechauffement=0, taux_conversion=0)
    counts = {stage: funnel.counts[stage] for stage in Stage}
    assert all(v >= 0 for v in counts.values()), counts
    assert sum(counts.values()) == 3
    assert counts[Stage.TIEDE] == 0
