"""Hand-written evaluation cases: short articles naming the same things in different spellings."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    """Articles of one story; `same` groups surfaces of one entity, `traps` must stay apart."""

    name: str
    articles: tuple[str, ...]
    published: str
    same: tuple[tuple[str, tuple[str, ...]], ...]
    traps: tuple[tuple[str, str], ...] = field(default=())


CASES: tuple[Case, ...] = (
    Case(
        "central-asia",
        (
            "President Kassym-Jomart Tokayev met investors in Almaty on Monday. Tokayev said "
            "Kazakhstan would double grain exports through the port of Aktau. Shavkat "
            "Mirziyoyev, the Uzbek leader, sent a message from Tashkent.",
            "Kazakh President Kasym-Zhomart Tokaev told a forum in Almaty that Kazakhstan "
            "wants new rail links. Uzbekistan's Shavkat Mirziyoev welcomed the plan in "
            "Toshkent, and Kyrgyzstan also sent officials.",
        ),
        "2025-10-14",
        (
            ("PERSON", ("Kassym-Jomart Tokayev", "Tokayev", "Kasym-Zhomart Tokaev")),
            ("PERSON", ("Shavkat Mirziyoyev", "Shavkat Mirziyoev")),
            ("GPE", ("Tashkent", "Toshkent")),
            ("GPE", ("Almaty",)),
            ("GPE", ("Kazakhstan",)),
        ),
    ),
    Case(
        "sahel",
        (
            "Soldiers in Niger closed the border with Nigeria on Friday, officials in Niamey "
            "said. General Abdourahamane Tchiani accused Abuja of sheltering rebels.",
            "Nigeria's army said troops from Niger had not crossed into its territory. "
            "Abdourahamane Tiani, who leads the junta, spoke in Niamey. The Economic "
            "Community of West African States (ECOWAS) called for talks.",
            "ECOWAS ministers will meet in Abuja to discuss Niger. Nigeria holds the rotating "
            "chair of the Economic Community of West African States.",
        ),
        "2025-08-09",
        (
            ("GPE", ("Niger",)),
            ("GPE", ("Nigeria",)),
            ("GPE", ("Niamey",)),
            ("GPE", ("Abuja",)),
            ("PERSON", ("Abdourahamane Tchiani", "Abdourahamane Tiani")),
            ("ORG", ("Economic Community of West African States", "ECOWAS")),
        ),
        (("Niger", "Nigeria"),),
    ),
    Case(
        "sudan",
        (
            "Fighting spread across Sudan as the Rapid Support Forces (RSF) shelled Khartoum. "
            "General Abdel Fattah al-Burhan flew to Port Sudan. Aid convoys from South Sudan "
            "were stopped at the border.",
            "The RSF denied attacking civilians in Khartoum. Burhan said the army controls "
            "Omdurman. Refugees keep arriving in South Sudan, where Juba has opened camps.",
            "South Sudan's president said the war in Sudan threatens oil exports. Abdel "
            "Fattah al-Burhan met envoys from the United Nations on Tuesday.",
        ),
        "2025-05-20",
        (
            ("GPE", ("Sudan",)),
            ("GPE", ("South Sudan",)),
            ("GPE", ("Khartoum",)),
            ("ORG", ("Rapid Support Forces", "RSF")),
            ("PERSON", ("Abdel Fattah al-Burhan", "Burhan")),
        ),
        (("Sudan", "South Sudan"), ("Sudan", "Port Sudan")),
    ),
    Case(
        "alps-and-antipodes",
        (
            "Austria and Australia signed a student exchange deal in Vienna on Thursday. "
            "Karl Nehammer said Austria would send 200 engineers.",
            "Anthony Albanese welcomed the agreement with Austria. Australia will host the "
            "first group in Canberra, and Nehammer is expected to visit in March.",
        ),
        "2025-02-07",
        (
            ("GPE", ("Austria",)),
            ("GPE", ("Australia",)),
            ("PERSON", ("Karl Nehammer", "Nehammer")),
        ),
        (("Austria", "Australia"),),
    ),
    Case(
        "donbas-villages",
        (
            "Shelling hit Kramatorsk overnight, the regional governor said. In the village of "
            "Kramatorske, farther south, two houses burned. Residents of Novohrodivka were "
            "told to leave. Colonel Ivan Petrov spoke for the Russian side.",
            "Russian artillery struck Kramatorsk again, while Kramatorske village lost power. "
            "Evacuations continued from Novogrodovka. Ukrainian spokesman Oleksandr Petrenko "
            "said the lines held near Kostiantynivka.",
            "Officials in Kramatorsk said schools would stay closed. The road to "
            "Kostyantynivka was mined, according to Petrenko.",
        ),
        "2025-09-03",
        (
            ("GPE", ("Kramatorsk",)),
            ("GPE", ("Kramatorske",)),
            ("GPE", ("Novohrodivka", "Novogrodovka")),
            ("GPE", ("Kostiantynivka", "Kostyantynivka")),
            ("PERSON", ("Oleksandr Petrenko", "Petrenko")),
        ),
        (
            ("Kramatorsk", "Kramatorske"),
            ("Ivan Petrov", "Oleksandr Petrenko"),
            ("Ivan Petrov", "Petrenko"),
        ),
    ),
    Case(
        "kremlin-briefing",
        (
            "Kremlin spokesman Dmitry Peskov said on Wednesday that Sergei Shoigu would lead "
            "the delegation. Maria Zakharova added that Moscow expects a reply from "
            "Washington.",
            "Dmitri Peskov told reporters that Sergey Shoygu will travel to Beijing. Foreign "
            "ministry spokeswoman Mariya Zakharova criticised the United States.",
            "Peskov declined to comment on Shoygu's trip. The U.S. State Department said it "
            "had received the note from Moscow.",
        ),
        "2025-07-16",
        (
            ("PERSON", ("Dmitry Peskov", "Dmitri Peskov", "Peskov")),
            ("PERSON", ("Sergei Shoigu", "Sergey Shoygu", "Shoygu")),
            ("PERSON", ("Maria Zakharova", "Mariya Zakharova")),
            ("GPE", ("Moscow",)),
            ("GPE", ("United States", "U.S.")),
        ),
    ),
    Case(
        "kyiv-leadership",
        (
            "Volodymyr Zelenskyy dismissed Andriy Yermak on Friday. Zelenskyy said Kyrylo "
            "Budanov would take over talks. Air raid alerts sounded in Kharkiv and Odesa.",
            "President Volodymyr Zelensky accepted the resignation of Andrii Yermak. Kyrylo "
            "Budanov, the intelligence chief, will lead the delegation. Drones hit Odessa and "
            "Kharkov overnight.",
            "Zelenskiy's new team met in Kyiv. Yermak's departure surprised Brussels. Strikes "
            "were reported in Zaporizhzhia and Zaporizhia region.",
        ),
        "2025-11-29",
        (
            ("PERSON", ("Volodymyr Zelenskyy", "Zelenskyy", "Volodymyr Zelensky", "Zelenskiy")),
            ("PERSON", ("Andriy Yermak", "Andrii Yermak", "Yermak")),
            ("PERSON", ("Kyrylo Budanov",)),
            ("GPE", ("Kharkiv", "Kharkov")),
            ("GPE", ("Odesa", "Odessa")),
        ),
    ),
    Case(
        "nuclear-watchdog",
        (
            "The International Atomic Energy Agency (IAEA) said its inspectors left the "
            "plant on Sunday. Rafael Grossi asked both sides to stop firing. NATO members "
            "discussed the report.",
            "IAEA chief Rafael Grossi told the North Atlantic Treaty Organization that the "
            "reactor was stable. The European Union offered more funding.",
            "The EU and the IAEA will meet in Vienna. Grossi said the agency needs access. "
            "The Institute for the Study of War (ISW) said the shelling came from the south.",
            "Analysts at ISW and the Institute for the Study of War disagreed on the range.",
        ),
        "2025-06-02",
        (
            ("ORG", ("International Atomic Energy Agency", "IAEA")),
            ("PERSON", ("Rafael Grossi", "Grossi")),
            ("ORG", ("NATO", "North Atlantic Treaty Organization")),
            ("ORG", ("European Union", "EU")),
            ("ORG", ("Institute for the Study of War", "ISW")),
        ),
    ),
    Case(
        "korea",
        (
            "Kim Jong Un watched a missile launch near Pyongyang on Saturday. South Korea "
            "said the missile flew east. North Korea has tested eleven missiles this year.",
            "North Korean leader Kim Jong-un oversaw the test, state media said. Seoul "
            "condemned it, and South Korea's president called Tokyo.",
        ),
        "2025-04-12",
        (
            ("PERSON", ("Kim Jong Un", "Kim Jong-un")),
            ("GPE", ("South Korea",)),
        ),
        (("North Korea", "South Korea"),),
    ),
    Case(
        "gulf-diplomacy",
        (
            "Mohammed bin Salman received the envoy in Riyadh on Monday. The crown prince "
            "discussed Hezbollah and the Houthis. Recep Tayyip Erdoğan called him later.",
            "Saudi Crown Prince Mohammad bin Salman told the visitor that Hizbollah must "
            "disarm. Turkish President Recep Tayyip Erdogan also joined by phone from Ankara.",
            "Erdogan said Riyadh and Ankara agree on Gaza. Mohammed bin Salman will visit "
            "Istanbul in the spring.",
        ),
        "2025-03-10",
        (
            ("PERSON", ("Mohammed bin Salman", "Mohammad bin Salman")),
            ("GPE", ("Riyadh",)),
            ("ORG", ("Hezbollah", "Hizbollah")),
            ("PERSON", ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", "Erdogan")),
            ("GPE", ("Ankara",)),
        ),
    ),
    Case(
        "belarus",
        (
            "Alexander Lukashenko pardoned 14 prisoners in Minsk on Thursday. Lukashenko "
            "said more releases could follow if Lithuania reopened the border.",
            "Alyaksandr Lukashenka freed 14 detainees, Belarusian state media reported from "
            "Minsk. Lukashenka's move came after talks with Vilnius.",
        ),
        "2025-09-11",
        (
            (
                "PERSON",
                ("Alexander Lukashenko", "Lukashenko", "Alyaksandr Lukashenka", "Lukashenka"),
            ),
            ("GPE", ("Minsk",)),
        ),
        (("Lithuania", "Vilnius"),),
    ),
    Case(
        "caucasus",
        (
            "Mikheil Saakashvili was moved to a hospital in Tbilisi, his lawyers said on "
            "Tuesday. Bidzina Ivanishvili's party dismissed the appeal.",
            "Former president Mikhail Saakashvili remains in a Tbilisi clinic. Ivanishvili "
            "has not commented, and Armenia offered mediation.",
        ),
        "2025-01-21",
        (
            ("PERSON", ("Mikheil Saakashvili", "Mikhail Saakashvili")),
            ("GPE", ("Tbilisi",)),
            ("PERSON", ("Bidzina Ivanishvili", "Ivanishvili")),
        ),
    ),
    Case(
        "dates",
        (
            "The ceasefire began on Dec. 2 and was broken on Tuesday, officials said. Talks "
            "resume in January in Geneva.",
            "Officials said the truce that started on December 2 collapsed on Tuesday. New "
            "talks in Geneva are planned for January.",
        ),
        "2025-12-03",
        (
            # The article is of Wednesday 2025-12-03: "Tuesday" is Dec. 2 as well.
            ("DATE", ("Dec. 2", "December 2", "Tuesday")),
            ("GPE", ("Geneva",)),
        ),
    ),
    Case(
        "look-alike-roundup",
        (
            "Iran and Iraq signed a gas deal. Slovakia and Mali sent observers. Guinea "
            "abstained. Kim Jong Un was not mentioned. Luhansk was shelled and Donetsk "
            "lost power. Gambia joined the talks. Anna Kovac chaired the meeting.",
            "Iraq said Iran would deliver gas by May. Slovenia and Malawi sent observers. "
            "Equatorial Guinea abstained. Kim Yo Jong issued a statement. Luhanske village "
            "was shelled, and Donetska oblast lost power. Zambia joined. Marek Kovac "
            "chaired.",
        ),
        "2025-04-30",
        (
            ("GPE", ("Iran",)),
            ("GPE", ("Iraq",)),
        ),
        (
            ("Iran", "Iraq"),
            ("Slovakia", "Slovenia"),
            ("Mali", "Malawi"),
            ("Guinea", "Equatorial Guinea"),
            ("Kim Jong Un", "Kim Yo Jong"),
            ("Luhansk", "Luhanske"),
            ("Gambia", "Zambia"),
            ("Anna Kovac", "Marek Kovac"),
            ("Donetsk", "Donetska oblast"),
        ),
    ),
)
