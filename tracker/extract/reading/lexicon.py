"""Word lists of the language of entertainment news (no titles of works)."""

from __future__ import annotations


def entries(spec: str, sep: str | None = None) -> frozenset[str]:
    """Read a word list written as one string.

    >>> sorted(entries("a b"))
    ['a', 'b']
    """
    return frozenset(w.strip() for w in spec.split(sep) if w.strip())


MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "sophomore": 2,
}  # fmt: skip

NUMBERS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20,
}  # fmt: skip

#: Networks, services, systems and venues, with the spelling we report.
PLATFORMS: dict[str, str] = {
    "netflix": "Netflix", "hulu": "Hulu", "fx on hulu": "FX on Hulu", "disney+": "Disney+",
    "disney plus": "Disney+", "hbo max": "HBO Max", "hbo": "HBO", "apple tv+": "Apple TV+",
    "apple tv plus": "Apple TV+", "prime video": "Prime Video",
    "amazon prime video": "Prime Video", "amazon prime": "Prime Video", "amazon": "Amazon",
    "paramount+": "Paramount+", "paramount plus": "Paramount+", "peacock": "Peacock",
    "amc+": "AMC+", "amc": "AMC", "fxx": "FXX", "fx": "FX", "fox": "Fox", "nbc": "NBC",
    "cbs": "CBS", "abc": "ABC", "the cw": "The CW", "cw": "The CW", "starz": "Starz",
    "showtime": "Showtime", "syfy": "Syfy", "usa network": "USA Network", "tnt": "TNT",
    "tbs": "TBS", "bravo": "Bravo", "freeform": "Freeform", "lifetime": "Lifetime",
    "a&e": "A&E", "discovery+": "Discovery+", "bbc one": "BBC One", "bbc1": "BBC One",
    "bbc two": "BBC Two", "bbc2": "BBC Two", "bbc three": "BBC Three", "bbc america": "BBC America",
    "bbc iplayer": "BBC iPlayer", "itv": "ITV", "itvx": "ITVX", "itv1": "ITV1",
    "itv2": "ITV2", "bbc four": "BBC Four", "channel 4": "Channel 4",
    "channel 5": "Channel 5", "sky atlantic": "Sky Atlantic", "sky one": "Sky One",
    "pbs": "PBS", "crunchyroll": "Crunchyroll", "funimation": "Funimation",
    "tvn": "tvN", "jtbc": "JTBC", "kbs2": "KBS2", "mbc": "MBC", "tokyo mx": "Tokyo MX",
    "hidive": "HIDIVE", "adult swim": "Adult Swim", "cartoon network": "Cartoon Network",
    "comedy central": "Comedy Central", "mtv": "MTV", "vh1": "VH1", "bet": "BET",
    "hallmark channel": "Hallmark Channel", "epix": "Epix", "mgm+": "MGM+",
    "shudder": "Shudder", "youtube": "YouTube", "youtube premium": "YouTube Premium",
    "tubi": "Tubi", "stan": "Stan", "crave": "Crave", "cbc": "CBC",
    "playstation 5": "PlayStation 5", "playstation 4": "PlayStation 4", "ps5": "PS5",
    "ps4": "PS4", "xbox series x": "Xbox Series X", "xbox series x|s": "Xbox Series X|S",
    "xbox one": "Xbox One", "xbox": "Xbox", "nintendo switch": "Nintendo Switch",
    "nintendo switch 2": "Nintendo Switch 2", "switch 2": "Nintendo Switch 2",
    "switch": "Switch", "pc": "PC", "steam": "Steam", "google stadia": "Google Stadia",
    "stadia": "Stadia", "theaters": "theaters", "theatres": "theaters",
    "cinemas": "theaters", "theatrical release": "theaters", "theatrical run": "theaters",
}  # fmt: skip

#: Capitalised names that are never the work itself (studios, events, outlets, places).
NON_TITLES = entries(
    (
        "disney|marvel|lucasfilm|pixar|dreamworks|sony|warner bros|warner|universal|paramount"
        "|lionsgate|mgm|a24|neon|focus features|searchlight|legendary|bandai namco|ubisoft"
        "|nintendo|microsoft|capcom|sega|konami|bethesda|activision|blizzard|ea|square enix"
        "|apple|google|amazon|studios|comic-con|san diego comic-con|sdcc|e3|ces|gamescom"
        "|sundance|sxsw|cannes|tiff|emmys|emmy|oscars|oscar|golden globes|grammys|super bowl"
        "|hall h|upfronts|upfront|newfront|newfronts|twitter|instagram|facebook|tiktok|variety"
        "|deadline|reuters|the hollywood reporter|tvline|ew|entertainment weekly|ign|imdb"
        "|rotten tomatoes|tv|news|film|movie|movies|series|season|episode|premiere|finale"
        "|trailer|teaser|united states|u.s.|uk|u.k.|us|america|north america|europe|japan"
        "|australia|canada|london|new york|los angeles|hollywood|china|korea|france|germany"
        "|india|christmas|thanksgiving|halloween|easter|new year|new year's eve"
        "|valentine's day|god|jst|est|pst|et|pt|gmt|bst|am|pm|a.m.|p.m.|mcu|dc|cw|tba|tbd"
        "|twitter|update|updated|published|posted|source|photo|image|getty images|ap"
        "|pre-orders|preorders|pre-order|tickets|trailers|teasers|night|week|weekend"
        "|bbc|nfl|nba|mlb|nhl|nascar|fifa|uefa|covid|covid-19|coronavirus|viacomcbs"
        "|nbcuniversal|warnermedia|american|british|japanese|korean|chinese|french|german"
        "|spanish|italian|canadian|australian|indian|mexican|irish|scottish|english|european"
        "|asian|african|swedish|danish|norwegian|russian|brazilian"
    ),
    "|",
)

#: Single words that are ordinary sentence openers, never titles on their own.
COMMON_OPENERS = entries(
    """
    the a an and but or so yet also then now here there this that these those it its
    he she they we i you his her their our my your when while after before since until
    as if once in on at for with from by of to into about over under between during
    what who why how where which whether all both each every some many most more much
    no not new other another next last first final previous later earlier still even just
    only meanwhile however although though because plus additionally finally
    fans viewers audiences critics readers players gamers subscribers listeners sources reports
    according per via source update
    ireland britain england scotland wales canada japan china korea india france germany
    italy spain mexico brazil australia europe asia africa
    tenn calif fla ill mass mich minn tex wash colo ariz nev conn okla wis
    elsewhere today tonight tomorrow yesterday currently previously originally recently
    season series episode episodes premiere premieres premiered finale netflix star stars
    starring directed written produced created based following coming look check watch
    read see related more photo photos video image credit courtesy advertisement
    release released releasing broadcasting streaming airing production filming
    we've it's there's that's here's i'm we're they're you're let's what's who's
    thanks despite prior like unlike instead among amid along beyond across
    """.replace("\u2019", "'")
)

#: Words that introduce people, so the capitalised names after them are not works.
PERSON_CUES = entries(
    """
    starring stars star co-stars co-starring featuring feat. featured by
    creator creators co-creator showrunner showrunners director directors producer
    producers writer writers author actor actress host hosts hosted narrated voiced
    played ceo president chairman chief executive head boss exec executives said says
    told added explained according singer rapper frontman guitarist drummer cast
    cast's alongside opposite co-star joined designer composer founder co-founder novelist
    comedian filmmaker screenwriter journalist analyst reporter editor vocalist bassist
    songwriter presenter honcho spokesperson spokesman spokeswoman cinematographer
    animator illustrator co-host anchor
    """
)

#: Nouns for events that are not releases.
EVENT_NOUNS = entries(
    """
    panel panels tour tours trailer trailers teaser teasers festival festivals
    convention conventions ceremony ceremonies awards concert concerts screening
    screenings pre-order pre-orders preorder preorders presale tickets livestream
    announcement appearance performance keynote presentation showcase event direct
    interview earnings report call auction signing expo fest summit
    """
)

#: Verbs of headlines ("Netflix Sets ..."), never a title on their own.
HEADLINE_VERBS = entries(
    """
    sets set arrives arrive debuts debut premieres premiere returns return
    renews renewed announces announced reveals revealed unveils unveiled drops lands
    gets confirms confirmed dates launches launch comes back moves delays
    delayed due hits opens heads slates eyes pushes shifts bumps nabs lands
    drops sets premiering arriving returning coming will is are gets come
    celebrate celebrates react reacts await awaits cheer cheers fans viewers players
    """
)

#: Nouns that name a kind of work: "the coastal mystery X", "its animated musical Y".
#: Before a capitalised name they say that the name is a work and not part of it.
WORK_NOUNS = entries(
    """
    album ep lp single record mixtape soundtrack film movie feature picture novel book memoir
    novella anthology game shooter rpg platformer roguelike sequel prequel spinoff spin-off
    reboot revival remake remaster adaptation series miniseries docuseries show sitcom drama
    dramedy comedy romcom rom-com mystery thriller horror epic musical fantasy adventure
    romance western procedural documentary doc special satire parody biopic caper
    whodunit saga anime cartoon drama-thriller dystopia follow-up installment instalment
    expansion dlc title project franchise limited-series telenovela soap play
    """
)

#: Capitalised words that may stand before a bare year without making it part of a name
#: ("Coming 2025", "Summer 2024"); any other ("E3 2017", "Stagecoach 2025") names an event.
YEAR_NAME_WORDS = entries(
    """
    in by of for since until till from to through early late mid end beginning start
    summer spring fall autumn winter holiday holidays christmas coming arriving due out
    release released releasing premiere premieres premiering launch launches launching
    returns returning debut debuts debuting hits opens dated set slated sometime later
    season series and or the year during after before
    """
)

#: Common given names (English-language news names people by them): a run that starts with
#: one is more often a person than a work.
GIVEN_NAMES = entries(
    """
    aaron adam adrian aidan alan albert alex alexander alexandra alice alicia alison amanda amber
    amy andrea andrew angela angelina anna anne anthony antonio ariana arnold ashley austin ava
    barbara ben benedict benjamin beth betty bill billie billy blake bob bobby brad bradley brandon
    brendan brian brie bruce bryan caitlin cameron carl carlos carol caroline carrie casey
    catherine charles charlie charlotte chloe chris christian christina christine christopher
    chuck claire colin connor courtney craig daisy dakota dan dana daniel danielle danny dave
    david dean debra denis dennis denzel diana diane dick don donald donna doug douglas drew
    dwayne dylan eddie edward elizabeth ella ellen emily emma eric erin ethan eva evan florence
    frances francis frank fred gary gavin gene george gina glenn grace greg gregory gwyneth hannah
    harold harrison harry heather helen henry hugh hugo ian isaac isabella jack jackie jacob jake
    james jamie jane janet jared jason jay jean jeff jeffrey jen jennifer jenny jeremy jerry jesse
    jessica jill jim jimmy joan joe joel john johnny jon jonah jonathan jordan jose joseph josh
    joshua joy judd judith julia julian julie justin kaley karen kate katherine kathleen kathryn
    katie kay keanu keira keith kelly ken kenneth kerry kevin kim kirsten kristen kumail kyle
    larry laura lauren lee leo leonardo lily linda lisa liz logan lori louis lucas lucy luke
    lupita lynn maggie malcolm mandy marc margaret margot maria mariah marie mark marsha martin
    mary matt matthew maya megan meghan melissa meryl michael michelle mike mila miles mindy molly
    morgan nancy natalie nathan neil nicholas nick nicole noah octavia olivia oscar owen pamela
    patricia patrick paul paula pedro peter phil philip phoebe rachel ralph randy raymond rebecca
    reese regina richard rick rob robert robin roger ron ronald rose ruby russell ruth ryan sally
    sam samantha samuel sandra sara sarah scarlett scott sean sebastian seth shannon sharon shawn
    sheila sophia sophie stanley stephen steve steven susan tara taylor ted teresa terry thomas
    tiffany tim timothy tina toby todd tom tommy tony tracy tyler valerie vanessa victor victoria
    vin viola walter wayne wendy will william winona zach zachary zendaya zoe
    """
)

#: Words that make a run the name of a company, a format, a venue, an event or a place.
NOT_WORK_WORDS = entries(
    """
    entertainment pictures studios studio records media films productions games interactive
    network networks channel theater theaters theatre theatres cinema cinemas center centre hall
    festival fest awards dvd blu-ray imax digital 3-d 4k uhd edition inc llc ltd co company
    group league university college school museum park street city county state department
    association council agency foundation press publishing books magazine times post news
    reporter journal radio tv television corporation corp brothers bros universal paramount
    warner sony disney lionsgate
    """
)
