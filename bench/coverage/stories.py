"""Stories told by 2-3 outlets, written for this benchmark, with hand-marked gold.

Every gold item names a text span by a substring that occurs once in its article.

- ``dates``: groups of date mentions (article, substring around the date) that tell
  one happening, with ``conflict`` when the articles give it incompatible dates.
- ``figures``: groups of figures (article, substring holding the figure) that count
  the same thing, with ``disagree`` when their values do not overlap.
- ``claims``: (article, substring of the sentence, speaker as written).

The places, people and organisations are invented.
"""

from __future__ import annotations

DEV = [
    {
        "name": "dam breach",
        "articles": [
            {
                "id": 11,
                "outlet": "Riverside Herald",
                "published": "2025-03-12",
                "text": "\n".join(
                    [
                        "Lisko dam breach floods a dozen villages",
                        "The Lisko dam gave way on Monday night after three days of heavy "
                        "rain, forcing 4,500 people from their homes.",
                        "Two people died when their car was swept off a bridge near Tarn.",
                        "The evacuation of the lower valley was ordered yesterday as the river "
                        "rose 3.2 metres in six hours.",
                        "It is the worst flooding in the region since 2010.",
                        "The regional governor, Ana Kovac, said the dam had been inspected in "
                        "January.",
                        "Environmental groups claimed the dam had not been properly maintained "
                        "for years.",
                    ]
                ),
            },
            {
                "id": 12,
                "outlet": "Northern Wire",
                "published": "2025-03-13",
                "text": "\n".join(
                    [
                        "Valley counts the cost after dam bursts",
                        "The dam on the Lisko burst on Sunday, flooding a dozen villages "
                        "downstream.",
                        "Some 4,000 people were evacuated, and three people were killed.",
                        "Authorities ordered the evacuation of the lower valley on Tuesday.",
                        "Damage is estimated at €40 million, the finance ministry said.",
                        "The water authority denied that maintenance had been neglected.",
                    ]
                ),
            },
            {
                "id": 13,
                "outlet": "Valley Post",
                "published": "2025-03-12",
                "text": "\n".join(
                    [
                        "The Lisko dam failed on March 10, sending a wall of water toward Tarn.",
                        "Two people drowned and 4,500 people left their homes.",
                        "The river rose more than three metres overnight.",
                        "Insurers put the damage at €25m.",
                        "According to the water authority, the dam was inspected last autumn.",
                    ]
                ),
            },
        ],
        "dates": [
            {
                "conflict": True,
                "members": [
                    [11, "gave way on Monday night"],
                    [12, "burst on Sunday"],
                    [13, "failed on March 10"],
                ],
            },
            {
                "conflict": False,
                "members": [[11, "ordered yesterday"], [12, "valley on Tuesday"]],
            },
        ],
        "figures": [
            {
                "disagree": True,
                "members": [
                    [11, "4,500 people from"],
                    [12, "Some 4,000 people"],
                    [13, "4,500 people left"],
                ],
            },
            {
                "disagree": True,
                "members": [[11, "Two people died"], [12, "three people were"], [13, "Two people"]],
            },
            {"disagree": False, "members": [[11, "3.2 metres"], [13, "more than three metres"]]},
            {"disagree": False, "members": [[11, "a dozen villages"], [12, "a dozen villages"]]},
            {"disagree": True, "members": [[12, "€40 million"], [13, "€25m"]]},
        ],
        "claims": [
            [11, "dam had been inspected in", "The regional governor, Ana Kovac"],
            [11, "not been properly maintained", "Environmental groups"],
            [12, "Damage is estimated", "the finance ministry"],
            [12, "maintenance had been neglected", "The water authority"],
            [13, "inspected last autumn", "the water authority"],
        ],
    },
    {
        "name": "town captured",
        "articles": [
            {
                "id": 21,
                "outlet": "Ostra Daily",
                "published": "2025-12-03",
                "text": "\n".join(
                    [
                        "Osterland forces take Karvel",
                        "Osterland forces captured the town of Karvel on Monday, the defence "
                        "ministry in Ostra claimed.",
                        "Between 300 and 500 Varnian soldiers were killed in the fighting, the "
                        "ministry said.",
                        "The offensive began on Nov. 14 after 16 months of siege.",
                        "Karvel had a pre-war population of 18,000.",
                        "The new front line lies 30 km east of the town.",
                        "Varnia's general staff denied that the town had fallen.",
                    ]
                ),
            },
            {
                "id": 22,
                "outlet": "Varnia Today",
                "published": "2025-12-04",
                "text": "\n".join(
                    [
                        "Karvel was captured by Osterland troops on Dec. 2, local officials said.",
                        "The Varnian army admitted losing about 120 soldiers since the "
                        "offensive was launched on November 14.",
                        "The siege had lasted sixteen months.",
                        "Karvel, once home to 18,000 people, is now largely empty.",
                        "Fighting has moved to villages about 20 miles east of Karvel.",
                        "Varnian commanders denied the town had fallen, saying fighting "
                        "continued in the eastern districts.",
                        '"We have not given up a single street," said Colonel Dan Mirek.',
                    ]
                ),
            },
        ],
        "dates": [
            {
                "conflict": True,
                "members": [[21, "Karvel on Monday"], [22, "troops on Dec. 2"]],
            },
            {
                "conflict": False,
                "members": [[21, "began on Nov. 14"], [22, "launched on November 14"]],
            },
        ],
        "figures": [
            {
                "disagree": True,
                "members": [[21, "Between 300 and 500"], [22, "about 120 soldiers"]],
            },
            {"disagree": False, "members": [[21, "16 months"], [22, "sixteen months"]]},
            {"disagree": False, "members": [[21, "of 18,000"], [22, "18,000 people"]]},
            {"disagree": False, "members": [[21, "30 km"], [22, "about 20 miles"]]},
        ],
        "claims": [
            [21, "captured the town of Karvel", "the defence ministry in Ostra"],
            [21, "soldiers were killed", "the ministry"],
            [21, "denied that the town", "Varnia's general staff"],
            [22, "captured by Osterland", "local officials"],
            [22, "admitted losing", "The Varnian army"],
            [22, "denied the town had fallen", "Varnian commanders"],
            [22, "single street", "Colonel Dan Mirek"],
        ],
    },
    {
        "name": "plant fire",
        "articles": [
            {
                "id": 31,
                "outlet": "Coastal Times",
                "published": "2025-06-20",
                "text": "\n".join(
                    [
                        "Seven dead in Delmar plant fire",
                        "A fire broke out at the Delmar chemical plant on Wednesday evening.",
                        "Seven workers were killed and 23 were injured, the fire brigade said.",
                        "The plant, which employs 1,200 workers, has been closed until further "
                        "notice.",
                        "The company said safety rules had been followed.",
                        "Its shares fell 12% in early trading on Thursday.",
                    ]
                ),
            },
            {
                "id": 32,
                "outlet": "Business Line",
                "published": "2025-06-21",
                "text": "\n".join(
                    [
                        "The blaze at the Delmar chemical plant started on Thursday, June 19.",
                        "At least nine workers died and dozens were hurt.",
                        "Production at the site, where 1,200 employees work, has stopped.",
                        "Union leaders accused the company of cutting maintenance to save money.",
                        "Delmar shares dropped 8 percent on Thursday.",
                    ]
                ),
            },
            {
                "id": 33,
                "outlet": "Harbour News",
                "published": "2025-06-20",
                "text": "\n".join(
                    [
                        "The fire that broke out at the Delmar plant late on June 18 was under "
                        "control by Thursday morning, according to the fire brigade.",
                        "Seven workers were killed.",
                        "The company told reporters that no chemicals had leaked.",
                    ]
                ),
            },
        ],
        "dates": [
            {
                "conflict": True,
                "members": [
                    [31, "plant on Wednesday evening"],
                    [32, "started on Thursday, June 19"],
                    [33, "late on June 18"],
                ],
            },
            {
                "conflict": False,
                "members": [[31, "trading on Thursday"], [32, "8 percent on Thursday"]],
            },
        ],
        "figures": [
            {
                "disagree": True,
                "members": [
                    [31, "Seven workers were killed and"],
                    [32, "nine workers died"],
                    [33, "Seven workers were killed."],
                ],
            },
            {"disagree": False, "members": [[31, "23 were injured"], [32, "dozens were hurt"]]},
            {"disagree": False, "members": [[31, "1,200 workers"], [32, "1,200 employees"]]},
            {"disagree": True, "members": [[31, "12%"], [32, "8 percent"]]},
        ],
        "claims": [
            [31, "Seven workers were killed and", "the fire brigade"],
            [31, "safety rules", "The company"],
            [32, "cutting maintenance", "Union leaders"],
            [33, "under control by Thursday", "the fire brigade"],
            [33, "no chemicals had leaked", "The company"],
        ],
    },
    {
        "name": "election",
        "articles": [
            {
                "id": 41,
                "outlet": "Capital Journal",
                "published": "2025-10-06",
                "text": "\n".join(
                    [
                        "Civic Union wins Nordmark election",
                        "Voters in Nordmark went to the polls yesterday, and turnout was 58%.",
                        "The Civic Union won 41% of the vote and is projected to hold 64 seats "
                        "in the 150-seat assembly.",
                        "Results will be certified on Oct. 20.",
                        "The party's leader, Mira Tansen, claimed victory shortly after midnight.",
                        "The opposition alleged that ballots had been tampered with in three "
                        "districts.",
                    ]
                ),
            },
            {
                "id": 42,
                "outlet": "Nordmark Observer",
                "published": "2025-10-07",
                "text": "\n".join(
                    [
                        "In Sunday's vote the Civic Union took 41.3 percent, enough for 62 seats.",
                        "Turnout reached 61 percent, the election commission said.",
                        "Certification of the results is expected on October 21.",
                        "According to election monitors, the vote was largely orderly.",
                        "Mira Tansen told supporters that the country had chosen stability.",
                    ]
                ),
            },
        ],
        "dates": [
            {
                "conflict": False,
                "members": [[41, "polls yesterday"], [42, "Sunday's vote"]],
            },
            {
                "conflict": True,
                "members": [[41, "certified on Oct. 20"], [42, "expected on October 21"]],
            },
        ],
        "figures": [
            {"disagree": True, "members": [[41, "turnout was 58%"], [42, "61 percent"]]},
            {"disagree": False, "members": [[41, "41% of"], [42, "41.3 percent"]]},
            {"disagree": True, "members": [[41, "64 seats"], [42, "62 seats"]]},
        ],
        "claims": [
            [41, "claimed victory", "The party's leader, Mira Tansen"],
            [41, "ballots had been tampered", "The opposition"],
            [42, "Turnout reached", "the election commission"],
            [42, "largely orderly", "election monitors"],
            [42, "chosen stability", "Mira Tansen"],
        ],
    },
]

# Written after the method was fixed; only scored, never tuned on.
HELDOUT = [
    {
        "name": "border crossing",
        "articles": [
            {
                "id": 51,
                "outlet": "Merin Gazette",
                "published": "2025-08-14",
                "text": "\n".join(
                    [
                        "Stranded at the Merin crossing",
                        "Border guards closed the Merin crossing on Tuesday, leaving up to "
                        "3,000 migrants stranded in the heat.",
                        "A protest in the capital drew tens of thousands of people on Sunday.",
                        "Talks between the two governments collapsed last week.",
                        "The queue of lorries waiting to cross stretched 12 km.",
                        "Dozens of people were arrested near the fence.",
                        "Interior minister Pavel Ronn said the closure was temporary.",
                        '"This is a humanitarian emergency," said Lena Ostrova of the Relief '
                        "Alliance.",
                    ]
                ),
            },
            {
                "id": 52,
                "outlet": "Southern Courier",
                "published": "2025-08-15",
                "text": "\n".join(
                    [
                        "The Merin crossing was shut on Aug. 11 and some 5,000 migrants are "
                        "stranded on the other side.",
                        "Sunday's rally in the capital attracted about 8,000 people, police said.",
                        "Talks between the governments broke down on Aug. 6.",
                        "The ministry told reporters the crossing would reopen within days.",
                        "Aid groups warned that food supplies were running low.",
                    ]
                ),
            },
            {
                "id": 53,
                "outlet": "Frontier Voice",
                "published": "2025-08-15",
                "text": "\n".join(
                    [
                        "The crossing has been closed since Tuesday, and more than 4,000 "
                        "migrants have waited there for days.",
                        "According to the border police, 40 people were detained.",
                        "Trucks queued for about 7 miles on the approach road.",
                        "Ronn denied that migrants had been turned back.",
                    ]
                ),
            },
        ],
        "dates": [
            {
                "conflict": True,
                "members": [
                    [51, "crossing on Tuesday"],
                    [52, "shut on Aug. 11"],
                    [53, "closed since Tuesday"],
                ],
            },
            {
                "conflict": False,
                "members": [[51, "people on Sunday"], [52, "Sunday's rally"]],
            },
            {
                "conflict": False,
                "members": [[51, "collapsed last week"], [52, "down on Aug. 6"]],
            },
        ],
        "figures": [
            {
                "disagree": True,
                "members": [
                    [51, "up to 3,000 migrants"],
                    [52, "some 5,000 migrants"],
                    [53, "more than 4,000"],
                ],
            },
            {
                "disagree": True,
                "members": [[51, "tens of thousands"], [52, "about 8,000 people"]],
            },
            {"disagree": False, "members": [[51, "12 km"], [53, "about 7 miles"]]},
            {"disagree": False, "members": [[51, "Dozens of people"], [53, "40 people"]]},
        ],
        "claims": [
            [51, "closure was temporary", "Interior minister Pavel Ronn"],
            [51, "humanitarian emergency", "Lena Ostrova of the Relief Alliance"],
            [52, "attracted about 8,000", "police"],
            [52, "reopen within days", "The ministry"],
            [52, "food supplies", "Aid groups"],
            [53, "40 people were detained", "the border police"],
            [53, "turned back", "Ronn"],
        ],
    },
    {
        "name": "dock strike",
        "articles": [
            {
                "id": 61,
                "outlet": "Harbour Ledger",
                "published": "2025-02-05",
                "text": "\n".join(
                    [
                        "Dock workers at Port Halden walked out on Monday over planned pay cuts.",
                        "Halden Shipping announced 600 job cuts last month.",
                        "Talks are due to resume on Feb. 10.",
                        "The port handles 2.4 million containers a year.",
                        "Wages would fall by 15% under the plan.",
                        "About 1,800 dock workers are on strike.",
                        "Union spokesman Erik Vahl said members would not accept the cuts.",
                        "According to the harbour authority, 14 ships are waiting to unload.",
                    ]
                ),
            },
            {
                "id": 62,
                "outlet": "Freight Weekly",
                "published": "2025-02-06",
                "text": "\n".join(
                    [
                        "The strike at Port Halden began three days ago.",
                        "On Jan. 28 the company said it would cut 450 jobs.",
                        "Talks between the union and Halden Shipping resume on February 12.",
                        "The port moves 2.4m containers annually, and all 2,000 dockers have "
                        "joined the strike.",
                        "The plan means a pay cut of 10-15 percent.",
                        "Some 20 vessels are anchored offshore, the harbour authority said.",
                        "Halden Shipping insisted the cuts were unavoidable.",
                        '"We are losing money on every ship," chief executive Mara Lind told '
                        "reporters.",
                    ]
                ),
            },
        ],
        "dates": [
            {
                "conflict": False,
                "members": [[61, "walked out on Monday"], [62, "began three days ago"]],
            },
            {
                "conflict": False,
                "members": [[61, "cuts last month"], [62, "On Jan. 28"]],
            },
            {
                "conflict": True,
                "members": [[61, "resume on Feb. 10"], [62, "resume on February 12"]],
            },
        ],
        "figures": [
            {"disagree": True, "members": [[61, "600 job cuts"], [62, "cut 450 jobs"]]},
            {"disagree": False, "members": [[61, "2.4 million"], [62, "2.4m"]]},
            {"disagree": False, "members": [[61, "15% under"], [62, "10-15 percent"]]},
            {"disagree": True, "members": [[61, "About 1,800"], [62, "all 2,000 dockers"]]},
            {"disagree": True, "members": [[61, "14 ships"], [62, "Some 20 vessels"]]},
        ],
        "claims": [
            [61, "would not accept", "Union spokesman Erik Vahl"],
            [61, "14 ships are waiting", "the harbour authority"],
            [62, "it would cut 450 jobs", "the company"],
            [62, "anchored offshore", "the harbour authority"],
            [62, "cuts were unavoidable", "Halden Shipping"],
            [62, "losing money", "chief executive Mara Lind"],
        ],
    },
]
