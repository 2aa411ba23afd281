"""A second held-out set, written after the NER-miss recovery rules and never tuned on."""

from __future__ import annotations

from cases import Case

HOLDOUT2: tuple[Case, ...] = (
    Case(
        "black-sea-ports",
        (
            "Drones struck the port of Odesa overnight, governor Oleh Kiper said on Monday. "
            "Grain terminals in Izmail were also hit, and power was cut in parts of "
            "Mykolaiv. Kiper said ships would keep sailing from Chornomorsk.",
            "Russian drones attacked Odessa and the Danube port of Izmail, regional head "
            "Oleg Kiper reported. Residents of Nikolaev said the shelling was the worst in "
            "weeks, while traffic in Mykolaivka village was halted.",
            "Officials in Odessa said exports from Chornomorsk resumed by noon. Kiper thanked "
            "rescuers in Mykolaiv.",
        ),
        "2025-09-15",
        (
            ("GPE", ("Odesa", "Odessa")),
            ("PERSON", ("Oleh Kiper", "Oleg Kiper", "Kiper")),
            ("GPE", ("Izmail",)),
            ("GPE", ("Mykolaiv", "Nikolaev")),
            ("GPE", ("Chornomorsk",)),
        ),
        (("Mykolaiv", "Mykolaivka"),),
    ),
    Case(
        "gulf-talks",
        (
            "Iranian Foreign Minister Abbas Araghchi arrived in Muscat for talks mediated by "
            "Oman. Araghchi said Tehran wanted guarantees before any deal with Washington.",
            "Abbas Araqchi met Omani officials in Muscat on Saturday. Iraq sent an observer, "
            "and Araqchi later flew back to Tehran.",
        ),
        "2025-04-12",
        (
            ("PERSON", ("Abbas Araghchi", "Araghchi", "Abbas Araqchi", "Araqchi")),
            ("GPE", ("Muscat",)),
            ("GPE", ("Tehran",)),
        ),
        (("Iran", "Iraq"),),
    ),
    Case(
        "baltic-rail",
        (
            "Lithuanian President Gitanas Nausėda opened a new section of Rail Baltica near "
            "Kaunas. Nausėda said trains would reach Tallinn by 2030. Estonia's officials in "
            "Tartu welcomed the plan.",
            "President Gitanas Nauseda told reporters in Kaunas that Rail Baltica was on "
            "schedule. Nauseda also spoke with Syrian officials about the port of Tartus.",
        ),
        "2025-06-03",
        (
            ("PERSON", ("Gitanas Nausėda", "Nausėda", "Gitanas Nauseda", "Nauseda")),
            ("ORG", ("Rail Baltica",)),
            ("GPE", ("Kaunas",)),
        ),
        (("Tartu", "Tartus"),),
    ),
    Case(
        "sahel-mining",
        (
            "Mali's leader Assimi Goïta met mining executives in Bamako on Tuesday. Goïta "
            "said gold exports would be taxed more. Neighbouring Burkina Faso, led by "
            "Ibrahim Traoré, is drafting a similar law, while Malawi watched closely.",
            "Colonel Assimi Goita told investors in Bamako that contracts would be reviewed. "
            "In Ouagadougou, Captain Ibrahim Traore praised the move. Niger and Nigeria "
            "sent delegations.",
        ),
        "2025-02-18",
        (
            ("PERSON", ("Assimi Goïta", "Goïta", "Assimi Goita")),
            ("GPE", ("Bamako",)),
            ("PERSON", ("Ibrahim Traoré", "Ibrahim Traore")),
        ),
        (("Mali", "Malawi"), ("Niger", "Nigeria")),
    ),
)
