"""Lesson 10 — a mixed review quiz: new situations, one or two per lesson (not exercise items)."""

from __future__ import annotations

from prospection.cours.quiz import Question, en_francais, vrai_faux
from prospection.cours.typographie import fr


#: (lesson it revises, question)
QUESTIONS_PAR_LECON = (
    ("01", Question(
        "Un particulier a refusé votre offre au téléphone le vendredi 5 février 2027. À partir de quel jour "
        "pouvez-vous, au plus tôt, tenter un nouvel appel selon la lecture prudente du cours ?",
        ("Le 6 avril 2027", "Le 7 avril 2027", "Le 5 mars 2027"),
        1,
        "Le jour du refus ne compte pas : le délai de 60 jours court du 6 février au 6 avril inclus (23 jours "
        "en février 2027, 31 en mars, 6 en avril). Il se termine à minuit le 6 avril : premier jour possible, "
        "le mercredi 7 avril.",
        retours={0: "Le 6 avril est le soixantième jour du délai : il n'est pas encore écoulé.",
                 2: "Un mois ne suffit pas : il faut 60 jours calendaires."},
    )),
    ("01", Question(
        "Un client en Martinique a donné son accord pour être appelé. Votre bureau est à Paris, il y est 19 h 30 "
        "(14 h 30 en Martinique). L'appel est-il dans les heures autorisées ?",
        ("Oui : on regarde l'heure du consommateur, 14 h 30", "Non : il est 19 h 30 à Paris",
         "Non : on n'appelle jamais l'outre-mer"),
        0,
        "Les plages 10 h – 13 h et 14 h – 20 h s'entendent à l'heure du consommateur.",
    )),
    ("02", Question(
        "Une association vous écrit : « Nous venons de renouveler notre contrat avec un autre fournisseur pour "
        "deux ans. » Comment la classez-vous sur l'échelle ?",
        ("Perdue", "Prospect froid, relance avant la fin du contrat", "Prospect chaud"),
        1,
        "Un achat chez un concurrent ne fait pas sortir le contact : il n'a plus de besoin pour l'instant, il est "
        "froid. Notez la date de fin du contrat dans le SIC.",
        retours={0: "« Perdu » est réservé au contact qui demande à ne plus être contacté."},
    )),
    ("03", Question(
        "Vous appelez un club qui s'est abonné à votre page LinkedIn la semaine dernière, sans autre échange. "
        "Quel genre d'appel est-ce ?",
        ("Un appel à froid", "Un appel à chaud : il y a eu un premier contact", "Un appel entrant"),
        1,
        "S'abonner à votre page est un contact préalable : c'est un appel à chaud, que vous ouvrez en le citant. "
        "Cela ne dit rien de la température du prospect.",
    )),
    ("03", vrai_faux(
        "Selon l'étude de Harvard Business Review (2011), répondre à un lead en ligne dans l'heure plutôt qu'une "
        "heure plus tard multipliait par environ 21 les chances de le qualifier.",
        False,
        "Non : HBR 2011 parle d'environ 7 fois (dans l'heure contre plus tard). Le facteur 21 vient d'une autre "
        "étude (Oldroyd, MIT / InsideSales, 2007 : 5 minutes contre 30). Deux études américaines, à ne pas fusionner.",
    )),
    ("04", Question(
        "Notes de salon : « Très intéressée par nos gourdes personnalisées, nous en reparlerons. » Aucune date. "
        "Quelles classes la mission accepte-t-elle ?",
        ("Chaud seulement", "Tiède seulement", "Chaud ou tiède, si la justification argumente"),
        2,
        "Intérêt récent sans délai : le document 1 définit le chaud par un intérêt récent OU un achat à court "
        "terme. Les deux lectures se défendent si la justification cite l'intérêt et l'absence de délai.",
    )),
    ("05", Question(
        "« Je vous rappelle pour confirmer : jeudi 10 h, dans vos locaux, avec les échantillons. » "
        "À quelle étape du plan CROC est cette phrase ?",
        ("Contact", "Raison", "Objectif", "Conclusion"),
        3,
        "Récapituler et confirmer la date et l'heure, c'est la Conclusion.",
    )),
    ("05", Question(
        "« Ce qui me plaît, c'est que ce soit livré monté : je n'ai ni le temps ni les outils. » Quel mobile SONCAS ?",
        ("Confort", "Orgueil", "Argent"),
        0,
        "Gagner du temps, s'éviter des efforts : c'est le Confort.",
    )),
    ("06", Question(
        "Sur la fiche d'un contact, quelle information rend l'appel « sollicité » ?",
        ("Sa fonction", "Sa demande de rappel, datée", "Le nombre de ses adhérents"),
        1,
        "C'est la demande du contact, notée avec sa date, qui montre que l'appel répond à son initiative.",
    )),
    ("07", Question(
        "Une campagne : 600 numéros composés, 240 contacts joints, 36 rendez-vous. Quel est le taux de rendez-vous ?",
        ("6 %", "15 %", "40 %"),
        1,
        "Rendez-vous ÷ contacts joints = 36 ÷ 240 = 0,15, soit 15 %. (40 % est le taux de joignabilité.)",
        retours={0: "36 ÷ 600 = 6 % : le taux de rendez-vous se calcule sur les contacts joints.",
                 2: "240 ÷ 600 = 40 % : c'est le taux de joignabilité."},
    )),
    ("07", Question(
        "La même campagne a coûté 5 400 €. Quel est le coût par rendez-vous ?",
        ("22,50 €", "150 €", "9 €"),
        1,
        "Coût total ÷ rendez-vous = 5 400 ÷ 36 = 150 €. (22,50 € serait le coût par contact joint.)",
    )),
    ("08", Question(
        "Un visiteur professionnel (gérant d'un magasin de sport) a laissé sa carte sans rien demander. "
        "Pouvez-vous l'appeler pour lui présenter votre offre pour son magasin ?",
        ("Oui : appel entre professionnels, sur son activité ; le RGPD s'applique",
         "Non : il faut son consentement préalable", "Seulement le samedi"),
        0,
        "Les règles du démarchage protègent les consommateurs ; un professionnel appelé sur son activité en sort. "
        "Informez-le et respectez son éventuelle opposition.",
    )),
    ("09", vrai_faux(
        "Dans un appel, face à « envoyez-moi une documentation », la meilleure réponse est de raccrocher "
        "pour envoyer le catalogue complet au plus vite.",
        False,
        "On accepte, puis on demande ce qui l'intéresse et quand rappeler : la documentation devient ciblée et la "
        "relance a une date.",
    )),
)

QUESTIONS = en_francais(q for _, q in QUESTIONS_PAR_LECON)


def quiz_revision():
    from prospection.cours.quiz import quiz

    return quiz(QUESTIONS, titre=fr(f"Révision générale : {len(QUESTIONS)} questions"))
