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
    aaron abby abigail adam adele adrian aidan aisha akshay alan albert alec alejandro alex alexa
    alexander alexandra alfonso ali alia alice alicia alison allison alyssa amanda amber amit
    amitabh amy andre andrea andrew andy angel angela angelina angie anil anita ann anna anne annie
    anthony antonio anya april archie ariana ariel arjun armie arnold ashley ashton aubrey audrey
    austin ava avril barbara barry beau becky ben benedict benjamin bernard bert beth betty beyonce
    bianca bill billie billy bjork blake bob bobby bonnie boyd brad bradley brandon brendan brett
    brian brie britney brooke bruce bryan bryce bts burt caitlin caleb calvin cameron camila
    candice cara carey carl carla carlos carmen carol caroline carrie casey cate catherine cecilia
    cedric celine chad channing charles charlie charlize charlotte chelsea cher cheryl chester
    chloe chris christian christina christine christopher chuck cillian cindy claire clara clark
    claudia clint cody cole colin conan connor corey cory courteney courtney craig cynthia daisy
    dakota dale damon dan dana danai dane dani daniel daniela danielle danny darren dave david dax
    dean deborah debra demi denis dennis denzel derek desmond devon diana diane dick diego dolly
    dominic don donald donna donnie dora doug douglas drake drew duncan dustin dwayne dwight dylan
    ed eddie edgar eduardo edward eli elijah elisabeth eliza elizabeth ella elle ellen ellie elliot
    elton elvis emilia emily emma enrique eric erin ernest esther ethan eugene eva evan evangeline
    ewan faye felicity felix fernando finn fiona florence frances francis frank frankie fred
    freddie freida gal garrett gary gavin gemma gene george gerard gillian gina giovanni gisele
    glen glenn gloria gordon grace greg gregory greta guillermo gus gwyneth halle hank hannah
    harold harrison harry harvey hayden heath heather heidi helen helena henry hilary hillary holly
    hrithik hugh hugo ian idris iggy imogen ingrid irene iris isaac isabella isla ivan jack jackie
    jacob jada jaden jake jamal james jamie jan jane janelle janet jared jasmine jason javier jay
    jean jeanne jeff jeffrey jen jenna jennifer jenny jeremy jerry jesse jessica jessie jhene jill
    jim jimmy joan jodie joe joel joey johanna john johnny jon jonah jonas jonathan jordan jorge
    jose joseph josephine josh joshua joy juan judd jude judith julia julian julianne julie julio
    justin kaley kamala kanye kareena karen karl kat kate katherine kathleen kathryn katie katy kay
    kayla keanu keegan keira keith kelly kelsey ken kendrick kenneth kenny kerry kevin khloe kiefer
    kieran kim kirk kirsten kit kourtney kris kristen kumail kumar kyle lady lana lance larry laura
    lauren laurence leah lee leighton lena leo leon leonardo leslie lewis liam lil lily lin linda
    lindsay lionel lisa liz lizzo logan lorde lorenzo lori louis louise luca lucas lucia lucy luis
    luke lupe lupita lyle lynn mac mackenzie madison madonna maggie mahershala malcolm mandy manuel
    marc marcus margaret margot maria mariah marie mario marion marisa mark marlon marsha martha
    martin marvin mary mason matt matthew maura max maxine maya meg megan meghan mel melanie
    melinda melissa meryl mia michael michele michelle miguel mike mikey mila miles milo mindy
    minnie mira miranda missy mohammed molly monica morgan nancy naomi natalie natasha nathalie
    nathan neil neve nia nicholas nick nicki nicolas nicole nigel nina noah noel nora norman
    octavia olga oliver olivia omar orlando oscar otis owen pablo paige pam pamela paris parker
    patricia patrick patti paul paula pedro penelope penn percy pete peter pharrell phil philip
    phoebe pierce piper prakash priyanka quentin rachel rafael rahul raj rajesh ralph rami ranbir
    randy ranveer rashida raven ray raymond reba rebecca reese reggie regina renee rex rhys ricardo
    richard rick riley rita rob robbie robert robin rocco rodney roger roman ron ronald rosa
    rosamund rose rosie roxanne ruby rupert russell ruth ryan sacha sadie sally salma sam samantha
    samuel sandra sanjay saoirse sara sarah scarlett scott sean sebastian selena serena sergio seth
    shah shahid shakira shannon sharon shawn sheila shia shirley sidharth sienna simon simone
    skylar snoop sofia sonia sophia sophie spike stacy stanley stella stephen sterling steve steven
    stevie sue suki sunny susan susie suzanne sylvester tamara tanya tara taylor ted teresa terry
    tessa thandiwe theo thomas tiffany tilda tim timothee timothy tina tobey toby todd tom tommy
    tony tori tracy travis trevor troy tyler tyra uma usher val valerie vanessa vera veronica vicky
    victor victoria vijay viktor vin vince vincent viola vivian walter warren wayne wendy wes
    whitney will willem william willow wilson winona woody xavier yara yvonne zac zach zachary
    zendaya zoe zoey
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

#: Places: a run that is one of these is where something happens, not a work.
PLACES = entries(
    """
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
    america usa us uk britain england scotland wales ireland canada mexico brazil argentina
    france germany italy spain portugal netherlands belgium sweden norway denmark finland
    poland russia ukraine turkey israel egypt india pakistan china japan korea taiwan
    australia zealand africa nigeria kenya europe asia
    london paris berlin rome madrid tokyo seoul beijing shanghai mumbai delhi sydney melbourne
    toronto vancouver montreal chicago boston atlanta miami seattle denver dallas houston
    austin philadelphia detroit hollywood brooklyn manhattan vegas orleans nashville portland
    cannes venice sundance berlinale toronto
    """
)
