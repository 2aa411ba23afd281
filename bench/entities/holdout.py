"""Held-out cases, written after the linker was tuned on cases.py and not tuned on."""

from __future__ import annotations

from cases import Case

HOLDOUT: tuple[Case, ...] = (
    Case(
        "syria",
        (
            "Ahmed al-Sharaa met tribal leaders in Damascus on Sunday. Hayat Tahrir al-Sham "
            "(HTS) fighters patrolled Idlib and Latakia. Turkey sent envoys to Aleppo.",
            "Syrian leader Ahmad al-Sharaa told the envoys that HTS would disband. Clashes "
            "were reported in Lattakia, and aid reached Idleb and Aleppo.",
            "Al-Sharaa flew from Damascus to Riyadh. Hayat Tahrir al-Sham was removed from "
            "a sanctions list.",
        ),
        "2025-03-02",
        (
            ("PERSON", ("Ahmed al-Sharaa", "Ahmad al-Sharaa", "Al-Sharaa")),
            ("ORG", ("Hayat Tahrir al-Sham", "HTS")),
            ("GPE", ("Damascus",)),
            ("GPE", ("Latakia", "Lattakia")),
            ("GPE", ("Idlib", "Idleb")),
            ("GPE", ("Aleppo",)),
        ),
        (("Damascus", "Riyadh"),),
    ),
    Case(
        "south-caucasus",
        (
            "Nikol Pashinyan and Ilham Aliyev met in Abu Dhabi. Pashinyan said Armenia "
            "would reopen the road to Baku. Albania offered to host the next round.",
            "Armenian Prime Minister Nikol Pashinian and Azerbaijan's Ilham Aliev agreed "
            "on border markers. Aliev later returned to Baku, and Pashinian to Yerevan.",
        ),
        "2025-07-11",
        (
            ("PERSON", ("Nikol Pashinyan", "Pashinyan", "Nikol Pashinian", "Pashinian")),
            ("PERSON", ("Ilham Aliyev", "Ilham Aliev", "Aliev")),
            ("GPE", ("Baku",)),
        ),
        (("Armenia", "Albania"),),
    ),
    Case(
        "poland",
        (
            "Donald Tusk visited the shipyard in Gdańsk on Friday. Radosław Sikorski said "
            "Poland would buy more air defence. Tusk then flew to Wrocław.",
            "Polish Prime Minister Donald Tusk spoke in Gdansk. Foreign Minister Radoslaw "
            "Sikorski joined him later in Wroclaw, where Latvia and Lithuania sent ministers.",
            "Sikorski told reporters that Lithuania agreed. Tusk will host a summit in "
            "Gdansk in May.",
        ),
        "2025-05-16",
        (
            ("PERSON", ("Donald Tusk", "Tusk")),
            ("PERSON", ("Radosław Sikorski", "Radoslaw Sikorski", "Sikorski")),
            ("GPE", ("Gdańsk", "Gdansk")),
            ("GPE", ("Wrocław", "Wroclaw")),
            ("GPE", ("Lithuania",)),
        ),
        (("Latvia", "Lithuania"),),
    ),
    Case(
        "border-regions",
        (
            "Drones hit Belgorod and Bryansk overnight, the governor said. Ukrainian troops "
            "still hold parts of the Kursk region near Sudzha. In Berdyansk, partisans "
            "claimed a blast.",
            "Explosions were heard in Bilhorod and Briansk. Fighting continued around "
            "Sudja, according to the Kursk governor.",
        ),
        "2025-02-20",
        (
            ("GPE", ("Belgorod", "Bilhorod")),
            ("GPE", ("Bryansk", "Briansk")),
            ("GPE", ("Sudzha", "Sudja")),
            ("GPE", ("Kursk",)),
        ),
        (("Bryansk", "Berdyansk"), ("Briansk", "Berdyansk")),
    ),
    Case(
        "european-leaders",
        (
            "Emmanuel Macron and Friedrich Merz met Giorgia Meloni in Rome. Macron said "
            "Europe must spend more on defence. Martin Schulz, a former parliament "
            "president, criticised the plan.",
            "Merz and Macron agreed with Meloni on migration. Ursula von der Leyen joined by "
            "video. Olaf Scholz, Merz's predecessor, said little.",
            "President Macron thanked von der Leyen. Scholz was absent.",
        ),
        "2025-10-01",
        (
            ("PERSON", ("Emmanuel Macron", "Macron")),
            ("PERSON", ("Friedrich Merz", "Merz")),
            ("PERSON", ("Giorgia Meloni", "Meloni")),
            ("PERSON", ("Ursula von der Leyen", "von der Leyen")),
            ("PERSON", ("Olaf Scholz", "Scholz")),
        ),
        (("Martin Schulz", "Olaf Scholz"), ("Martin Schulz", "Scholz")),
    ),
)
