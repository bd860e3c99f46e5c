"""Curated excerpts of the report per wizard step: (source id, Danish verbatim, English verbatim or None)."""
from __future__ import annotations

# An entry is (source_id, Danish text as printed in that passage, English text from corpus/en or None).
# None means: the English rendering of the whole passage, list item or table cell (looked up by sources.py).
# tests/test_planning.py checks that every Danish text occurs verbatim in its passage, and every English
# text in that passage's English rendering.
Entry = tuple[str, str, str | None]

MOTIVES: dict[str, Entry] = {
    "kvalitet": (
        "del-3.interesse.p02",
        "Ét motiv for co-creation med brugere er, at det kan øge kvaliteten af arbejdet. Det anerkendes i stigende grad, at der er opgaver, som løses bedst, hvis brugerne inddrages, da de besidder relevant viden og erfaring. Co-creation kan være en måde at inddrage brugerne i opgaveløsningen for at øge kvaliteten af den.",
        "One motive for co-creation with users is that it can increase the quality of the work. It is increasingly recognised that there are tasks that are best solved if the users are involved, since they possess relevant knowledge and experience. Co-creation can be a way of involving the users in carrying out the task in order to increase its quality.",
    ),
    "effektivitet": (
        "del-3.interesse.p02",
        "Et andet motiv for co-creation med brugere er, at det kan øge effektivitet af arbejdet. Det anerkendes i stigende grad, at der er produkter og services, som egentlig ikke bruges – i hvert fald ikke i et omfang, der står mål med de ressourcer, det har kostet at udvikle og stille til rådighed. Co-creation kan være en måde at aktivere brugerne i opgaveløsningen for at øge effektiviteten af den.",
        "A second motive for co-creation with users is that it can increase the efficiency of the work. It is increasingly recognised that there are products and services that are not actually used – at least not to an extent that matches the resources it has cost to develop them and make them available. Co-creation can be a way of activating the users in carrying out the task in order to increase its efficiency.",
    ),
    "legitimitet": (
        "del-3.interesse.p02",
        "Et tredje motiv for co-creation med brugere er, at det kan styrke legitimiteten af arbejdet. Brugere, der får indflydelse, kan opleve et ejerskab til de produkter og services, som de har haft indflydelse på. Det anerkendes i stigende grad, at indflydelse til brugerne styrker deres tilslutning og opbakning til bestemte produkter og services.",
        "A third motive for co-creation with users is that it can strengthen the legitimacy of the work. Users who are given influence can experience a sense of ownership of the products and services they have had influence on. It is increasingly recognised that giving users influence strengthens their commitment to, and support for, particular products and services.",
    ),
}

# Per development focus (Tabel 2 and del-3.indhold.p03): what it is, its hallmark, and the process competence.
FOCUS_ADVICE: dict[str, tuple[Entry, ...]] = {
    "konceptudvikling": (
        ("del-3.indhold.p03", "Konceptudvikling handler om at udvikle nye idéer til produkter eller services for på den baggrund af udvikle et nyt koncept, som man kan arbejde videre med.", "Concept development is about developing new ideas for products or services in order, on that basis, to develop a new concept that can be worked on further."),
        ("tabel-2", "Ideformulering og konkretisering", None),
        ("tabel-2", "Facilitering af idéværksteder", None),
    ),
    "designudvikling": (
        ("del-3.indhold.p03", "Designudvikling handler om at udvikle et nyt design for et produkt eller en service på baggrund af en foreliggende idé og koncept.", "Design development is about developing a new design for a product or a service on the basis of an existing idea and concept."),
        ("tabel-2", "Design af prototype", None),
        ("tabel-2", "Facilitering af designworkshops", None),
    ),
    "praksisudvikling": (
        ("del-3.indhold.p03", "Praksisudvikling handler om at udvikle en ny praksis omkring brugen af produkter eller services.", "Practice development is about developing a new practice around the use of products or services."),
        ("tabel-2", "Udvikling af ny praksis", None),
        ("tabel-2", "Facilitering af afprøvning", None),
    ),
}

FOCUS_RISKS: dict[str, tuple[Entry, ...]] = {
    "konceptudvikling": (
        ("tabel-2", "Håndtering af gruppetænkning", None),
        ("del-3.indhold.p03", "Det kan fremmes med proceskompetence i forhold til at facilitere idéværksteder og minimere gruppetænkning, som kan være en hæmsko i forhold til at udvikle en ny idé.", "It can be promoted with process competence in facilitating idea workshops and minimising groupthink, which can be a hindrance to developing a new idea."),
    ),
    "designudvikling": (
        ("tabel-2", "Konflikthåndtering", None),
        ("del-3.indhold.p03", "Det kan fremmes med proceskompetence i forhold til at facilitere designworkshops og dæmme op for silotænkning, som kan være en hæmsko i forhold til at udvikle et nyt design.", "It can be promoted with process competence in facilitating design workshops and stemming silo thinking, which can be a hindrance to developing a new design."),
    ),
    "praksisudvikling": (
        ("tabel-2", "Håndtering af nulfejlskultur", None),
        ("del-3.indhold.p03", "Det kan fremmes med proceskompetence i forhold til at facilitere tests og afprøvning i praksis og minimering af nulfejlskultur, som kan være en hæmsko i forhold til at udvikle en ny praksis.", "It can be promoted with process competence in facilitating tests and trials in practice and minimising a zero-error culture, which can be a hindrance to developing a new practice."),
    ),
}

COHERENCE: Entry = ("del-1.tiltag.p02", "Modellen (figur 1) betoner, at det er vigtigt at skabe sammenhæng mellem: Pointe (hvad man vil bruge co-creation til), Partnere (hvem der deltage), Processer (hvordan samarbejdet foregår) og Produkt (hvad der komme ud af det).", None)

# (wizard, step) -> (advice entries, risk entries)
STEP_CONTENT: dict[tuple[str, str], tuple[tuple[Entry, ...], tuple[Entry, ...]]] = {
    ("fourp", "pointe"): (
        (
            ("figur-1", "hvad man vil bruge co-creation til", None),
            ("del-3.interesse.p02", "Overordnet set kan motivet være øget kvalitet, effektivitet eller legitimitet (Lystbæk et al., 2018).", "Broadly speaking, the motive can be increased quality, efficiency or legitimacy (Lystbæk et al., 2018)."),
            ("anbefaling.indhold.3", "I forlængelse heraf anbefales det at holde fast på, at co-creation ikke kun handler om én form for udvikling, men kan omfatte både konceptudvikling, designudvikling og praksisudvikling, som kræver forskellige proceskompetencer (tabel 2).", None),
            ("del-3.indhold.p05", "I relation hertil er det dog vigtigt, at der er fokus på, at co-creation kun skal udbredes der, hvor det giver mening, og i det omfang, som det giver mening.", "In this connection, however, it is important that there is a focus on co-creation only being spread where it makes sense, and to the extent that it makes sense."),
        ),
        (
            ("del-3.interesse.p03", "Ofte kan motivet for at arbejde med co-creation være uklart eller være et andet end det, der motiverer specifikke medarbejdere. Det kan eksempelvis være, hvis motivet for at arbejde med co-creation er sammensat og bestå af en sammenblanding af to eller alle tre motiver, hvorved de kan supplere men også komme til at modarbejde hinanden.", "Often the motive for working with co-creation may be unclear or different from what motivates specific staff members. This may be the case, for example, if the motive for working with co-creation is composite and consists of a mixture of two or all three motives, whereby they can complement each other but can also end up working against each other."),
            ("del-2.reaktioner.p04", "Blandt kollegerne er der således en frygt for, at co-creation er en modedille, der beskrives i idealistiske og ukritiske vendinger i litteraturen, som et mål i sig selv – også på områder, hvor det ikke er hensigtsmæssigt.", "Among the colleagues there is thus a fear that co-creation is a fad, described in idealistic and uncritical terms in the literature, as a goal in itself – also in areas where it is not appropriate."),
            ("del-2.reaktioner.q05", "Jeg kan frygte, at vi bliver sat til at samarbejde med studerende, også selv om man ikke kan se meningen med det.", None),
        ),
    ),
    ("fourp", "partnere"): (
        (
            ("figur-1", "hvem der deltage", None),
            ("del-2.laering.q01", "Vi har også i andre sammenhænge haft fat i og involveret de studerende ad hoc – det er ikke nyt – men det nye er, at vi har et samarbejde hele vejen. Det er det længerevarende samarbejde med de samme studerende, som er det nye.", None),
            ("del-2.adfaerd.p03", "En anden uformel form for co-creation er at benytte muligheden for at gribe fat i de studerende, som ofte kommer på biblioteket eller er ansat som studentermedhjælp på biblioteket.", "Another informal form of co-creation is to take the opportunity to reach out to the students who often come to the library or who are employed as student assistants at the library."),
            ("del-3.strukturer.q05", "De studerende, vi har haft, har været knyttet til nogle organisationer, eks. cafeen. På den måde, kan vi få kontakten … ellers er det flygtigt med studerende, som er her i kort tid. Så det er godt, hvis vi får en kontakt til nogle af de organisationer, som de studerende er i.", None),
            ("del-2.adfaerd.p03", "I fokusgrupperne gives der flere eksempler på, at der er blevet taget initiativ til formelle projekter med andre typer af brugere end studerende, eksempelvis et projekt i samarbejde med et hospital og et projekt i samarbejde med et museum.", "The focus groups give several examples of initiatives having been taken for formal projects with types of users other than students, for example a project in collaboration with a hospital and a project in collaboration with a museum."),
            ("del-2.adfaerd.q09", "Det er os, der skal gå ud og tage fat i kolleger. Kollegerne har vist stor interesse, og de synes, at det lyder godt, men de kommer ikke selv. Men de vil gerne inviteres med. Så det er os, der skal gøre det.", None),
        ),
        (
            ("del-2.reaktioner.p03", "Eksempelvis har nogle af projektdeltagerne oplevet, at det kan være svært at fastholde de studerende i samarbejdet, ligesom nogle har oplevet, at det kan være mere tidskrævende end de havde forventet.", "For example, some of the project participants have found that it can be difficult to keep the students engaged in the collaboration (to retain the students), just as some have found that it can be more time-consuming than they had expected."),
            ("del-2.reaktioner.q07", "Vi skal ikke sætte projekter i gang med studerende hele tiden. […] Vi skal passe på, at vi ikke går ud hele tiden, så de bliver trætte af os. Der er en trend med, at man spørger hele tiden, og jeg har det selv sådan, at jeg siger `Nej fandme om jeg gider´. Jeg bliver overmættet og jeg gider ikke at svare på spørgsmål hele tiden.", None),
        ),
    ),
    ("fourp", "processer"): (
        (
            ("figur-1", "hvordan samarbejdet foregår", None),
            ("del-2.adfaerd.p02", "De initiativer, der er blevet taget, retter sig både imod større og formaliserede projekter, hvor der er truffet aftale mellem relevante parter om formål, ressourcer, osv., inden samarbejde går i gang, og imod mindre og uformelle samarbejdsrelationer, dvs. ”nogle små måder at gøre det på”, som en projektdeltager formulerer det, hvor medarbejdere på bibliotekerne tager fat i de studerende eller andre brugere, som henvender sig, og inviterer dem til at samarbejde.", "The initiatives that have been taken are aimed both at larger, formalised projects, where agreements have been made between the relevant parties about purpose, resources, etc., before the collaboration begins, and at smaller, informal collaborative relationships, i.e. \"some small ways of doing it\", as one project participant puts it, where library staff reach out to the students or other users who come to them and invite them to collaborate."),
            ("del-2.laering.p04", "I fokusgrupperne er det gennemgående, at deltagerne har fået forståelse for, at facilitering af co-creation kræver nogle særlige proceskompetencer, som ikke bare kan forudsættes at være tilstede.", "A recurring theme in the focus groups is that the participants have come to understand that facilitating co-creation requires some particular process competences (facilitation skills) that cannot simply be assumed to be present."),
            ("del-2.laering.p04", "Eksempelvis erfarede nogle af projektdeltagerne, at der var dårlige relationer mellem nogle af de studerende, og derfor blev de nødt til at have fokus på gruppedynamikken mellem de studerende for at få et godt samarbejde.", "For example, some of the project participants found that there were poor relations between some of the students, and they therefore had to focus on the group dynamics among the students in order to achieve a good collaboration."),
            ("del-2.laering.p03", "Uanset om co-creation har fokus på konceptudvikling, designudvikling eller praksisudvikling, så kræver det, at parterne slipper kontrollen for at kunne udvikle noget nyt.", "Regardless of whether co-creation focuses on concept development, design development or practice development, it requires the parties to let go of control in order to be able to develop something new."),
            ("del-2.forandringer.q03", "Det handler ikke kun om mængden af tid, men også om timingen. De studerende har lige haft opgaveaflevering, så nu håber vi, at nogle har lyst til at være med til at gå videre med nogle af de idéer, som de selv har været med til at formulere.", None),
        ),
        (
            ("del-2.forandringer.q02", "Hvis man gerne vil co-creation, så er der det element af tid i det. Jeg kan være usikker på, om der er taget højde for det. Jeg oplever en stram styring af vores tid. Så vi kan ikke sidde og eksperimentere med tiden. Der er mange leverancer i løbet af året.", None),
            ("del-2.laering.q07", "Jeg ville ikke bare kunne gøre det. Det kræver noget, at styre en proces. Det er ikke alle, der vil kunne gøre det. Nogle synes at det ikke er `bare lige´ at involvere studerende, at spørge dem. Man kommer ud i nogle situationer, hvor man ikke troede, at man skulle ende.", None),
        ),
    ),
    ("fourp", "produkt"): (
        (
            ("figur-1", "hvad der komme ud af det", None),
            ("del-2.laering.p02", "Overordnet set kan co-creation bruges til at skabe nye idéer og koncepter, nye designs på produkter og services eller nye praksisser omkring produkter og services, men i alle tilfælde handler co-creation om, at parterne ikke bare informerer hinanden om de ønsker eller erfaringer, de hver især har, men at de reelt set samarbejder om at udvikle noget nyt.", "Broadly speaking, co-creation can be used to create new ideas and concepts, new designs of products and services, or new practices around products and services, but in all cases co-creation is about the parties not just informing each other of the wishes or experiences each of them has, but genuinely collaborating to develop something new."),
            ("del-3.interesse.p02", "Brugere, der får indflydelse, kan opleve et ejerskab til de produkter og services, som de har haft indflydelse på.", "Users who are given influence can experience a sense of ownership of the products and services they have had influence on."),
            ("del-2.forandringer.p01", "Men i fokusgrupperne betoner både projektdeltagere, kolleger og ledere, at implementering af co-creation skal støttes af organisatoriske forandringer.", "But in the focus groups, project participants, colleagues and managers all emphasise that the implementation of co-creation must be supported by organisational changes."),
            ("del-2.forandringer.q10", "Vi skal som ledelse turde sige, at det er OK, hvis man fejler. En gang imellem kan det også være, at det er nogle mindre kvalificerede studerende, vi får fat i, og så bliver produktet ikke så godt. Så er det måske en lidt mislykket proces, men det er også OK. Nogle gange er det OK, at vi fejler.", None),
        ),
        (
            ("del-2.reaktioner.q03", "Jeg synes, at brugerinvolvering er rigtigt fedt, men jeg ved ikke, hvor mange steder det har givet nogle resultater. Der er ildsjæle, der driver det, mens man er der, så man går derfra og er løftet, osv. Og så går der ca. fra et minut til et par dage til alle ideerne er døde. Det er det, der sker.", None),
            ("del-2.reaktioner.p05", "Ligesom projektdeltagerne giver kollegerne udtryk for, at det har været spændende og motiverende, men samtidig giver de udtryk for forbehold overfor om det kan skabe varige resultater, eller om det bare er en modedille, der presses ned over hovedet på alle.", "Like the project participants, the colleagues say that it has been exciting and motivating, but at the same time they express reservations as to whether it can create lasting results, or whether it is just a fad that is being forced on everyone from above (pressed down over everyone's heads)."),
        ),
    ),
    ("fourp", "summary"): (
        (
            COHERENCE,
            ("anbefaling.indhold.4", "Helt konkret anbefales det, at bibliotekerne fortsætter med de typer af kompetenceudviklingstiltag, som allerede er taget: Informationsmøder, workshop og deltagelse i nye projekter.", None),
            ("del-3.indhold.q02", "Man lærer meget af at komme ud og gøre det. Så lærer man, at co-creation er en anden måde at møde brugere på.", None),
            ("del-2.adfaerd.q04", "Man kan godt lave nogle bruger-scenarier, som ikke er så tunge. Det kan være lidt kortere forløb. Det behøver ikke at være så forkromet og så stort sat op.", None),
        ),
        (),
    ),
    ("identity", "typologi"): (
        (
            ("anbefaling.interesse.3", "Helt konkret anbefales det, at bibliotekerne gør det til en integreret del af de kompetenceudviklingstiltag, der tages, uanset om det er informationsmøder, workshop eller deltagelse i projekter, at tematisere de motiver for co-creation og reaktionerne på dem, som man kan møde.", None),
            ("del-3.interesse.p04", "De overordnede motiver for co-creation (kvalitet, effektivitet og legitimitet) appellerer til forskellige professionelle identiteter og selvforståelse. Med andre ord kan de hver især motivere nogle – men de-motivere og måske endda skabe modstand hos andre.", "The overall motives for co-creation (quality, efficiency and legitimacy) appeal to different professional identities and self-understandings. In other words, each of them can motivate some – but de-motivate, and perhaps even create resistance in, others."),
            ("del-3.interesse.p08", "De nævnte medarbejdertyper er ”idealtyper”, dvs. analytiske kategorier, der kan bruges til at identificere forskellige professionelle identiteter og selvforståelser, men de er ikke nødvendigvis ideelle eller typiske.", "The staff types mentioned are \"ideal types\", i.e. analytical categories that can be used to identify different professional identities and self-understandings, but they are not necessarily ideal or typical."),
        ),
        (),
    ),
    ("identity", "vurdering"): (
        (
            ("del-3.interesse.p03", "I fokusgrupperne er det gennemgående, at de positive og negative reaktioner, der er på co-creation i høj grad afspejler den professionelle identitet og selvforståelse, som medarbejdere har, som både kan virke fremmende og hæmmende på motivationen i forhold til co-creation.", "A recurring theme in the focus groups is that the positive and negative reactions to co-creation to a large extent reflect the professional identity and self-understanding that staff have, which can both promote and inhibit motivation in relation to co-creation."),
            ("del-3.interesse.q01", "Hvis man har en høj faglighed er det svært at give slip på den. Mange af os ville have svært ved at acceptere, at det bare skal være `godt nok´.", None),
            ("anbefaling.interesse.1", "På den baggrund anbefales det, at fortsat kompetenceudvikling adresserer de ambivalenser, der kan være over co-creation og de ændringer i medarbejdernes identiet, som det kan indebære.", None),
        ),
        (),
    ),
    ("identity", "profil"): (
        (
            ("del-3.interesse.p08", "Tværtimod kan medarbejdere have sammensatte identiteter, hvilket i praksis betyder, at det er muligt at appellere til de fleste ved at tydeliggøre motiverne for at arbejde med co-creation.", "On the contrary, staff can have composite identities, which in practice means that it is possible to appeal to most people by making the motives for working with co-creation clear."),
            ("del-3.interesse.p08", "Omvendt er det også altid muligt, at medarbejdere oplever manglende motivation og modstand, hvis motiverne for at arbejde med co-creation ikke harmonerer med deres dominerende professionelle identitet.", "Conversely, it is also always possible that staff experience a lack of motivation and resistance if the motives for working with co-creation do not fit with their dominant professional identity."),
            ("del-3.interesse.p03", "I praksis kan det være vanskeligt at skelne mellem hensigtsmæssigt forsvar og uhensigtsmæssig modstand, men forskellen er vigtig, da forsvar er generelt og beskytter individet mod overbelastning, mens modstand rettet mod et bestemt indhold og begrænser individet i at udvikle nye kompetencer (Illeris, 2011).", "In practice it can be difficult to distinguish between appropriate defence and inappropriate resistance, but the difference is important, since defence is general and protects the individual against overload, while resistance is directed at a particular content and limits the individual in developing new competences (Illeris, 2011)."),
        ),
        (),
    ),
    ("identity", "team"): (
        (
            ("anbefaling.interesse.2", "Mere specifikt anbefales det, at bibliotekerne sætter fokus på de motiver, der er for co-creation og den modstand, der kan være imod motiverne.", None),
            ("del-3.interesse.q02", "Det er vigtigt, at medarbejderne er villige til at slippe kontrollen. Det handler helt sikkert også om, hvilken type man er. Der er nogen, der har lettere ved det end andre. Men i forhold til kompetenceudvikling er det en af de ting, man skal arbejde med. Det kender man jo godt, især hvis man har travlt, så tænker man, at det bliver hurtigere gjort, hvis man gør det selv, mens det måske bliver bedre, hvis man tager sig tid til at gå ud og får flere perspektiver på det. Jeg tror helt sikkert, at det er noget, man skal arbejde med.", None),
            ("del-3.interesse.p09", "Den tematisering af motiver for co-creation, der anbefales her, kan bidrage til at styrke medarbejdernes motivation i forhold til co-creation og kan som sådan bidrage til at fastholde fokus på co-creation og fortsat kompetenceudvikling på området.", None),
        ),
        (),
    ),
    ("identity", "summary"): (
        (
            ("anbefaling.interesse.3", "Helt konkret anbefales det, at bibliotekerne gør det til en integreret del af de kompetenceudviklingstiltag, der tages, uanset om det er informationsmøder, workshop eller deltagelse i projekter, at tematisere de motiver for co-creation og reaktionerne på dem, som man kan møde.", None),
            ("del-3.interesse.p09", "Den tematisering af motiver for co-creation, der anbefales her, kan bidrage til at styrke medarbejdernes motivation i forhold til co-creation og kan som sådan bidrage til at fastholde fokus på co-creation og fortsat kompetenceudvikling på området.", None),
        ),
        (),
    ),
    ("culture", "typologi"): (
        (
            ("anbefaling.kulturer.4", "Helt konkret anbefales det, at bibliotekerne diskuterer, hvorvidt og hvordan de organisatoriske værdier, der præger bibliotekerne, harmonerer med co-creation.", None),
            ("del-3.kulturer.p02", "Politologisk forskning beskriver det som en udvikling fra Public Administration over New Public Management hen imod New Public Governance, (Thomas, 2013), dvs. som en gradvis omstilling af den offentlige sektor fra bureaukratisk myndighed over konkurrerende serviceleverandør til arena for samarbejde om fælles interesser (Sørensen & Torfing, 2016).", "Political science research describes this as a development from Public Administration via New Public Management towards New Public Governance (Thomas, 2013), i.e. as a gradual transition of the public sector from bureaucratic authority via competing service provider to an arena for collaboration on shared interests (Sørensen & Torfing, 2016)."),
            ("del-3.kulturer.p02", "I fokusgrupperne gives der udtryk for, at denne udvikling også præger bibliotekerne, men samtidig gives der udtryk for, at udviklingen ikke er forløbet som afgrænsede, historiske perioder men som en udvikling, hvor nye organisatoriske værdier kommer til, uden at tidligere værdier helt er blevet forladt.", "In the focus groups it is said that this development also characterises the libraries, but at the same time it is said that the development has not taken place as clearly delimited historical periods but as a development in which new organisational values are added without earlier values having been entirely abandoned."),
        ),
        (),
    ),
    ("culture", "vurdering"): (
        (
            ("del-3.kulturer.p01", "Nogle af de kulturelle værdier er generelle, men nogle kan også være mere specifikke og gælde inden for en afdeling eller arbejdsgruppe af kolleger, hvorved der opstår sub-kulturer i form af små kulturelle fællesskaber, som kan være mere eller mindre hensigtsmæssige.", "Some of the cultural values are general, but some may also be more specific and apply within a department or a working group of colleagues, whereby sub-cultures arise in the form of small cultural communities, which may be more or less appropriate."),
            ("del-3.kulturer.p01", "Derfor er organisatoriske værdier ikke noget, man kan forandre med en beslutning.", "Organisational values are therefore not something that can be changed by a decision."),
            ("del-3.kulturer.q02", "Jeg tror, at vi generelt italesætter vores brugere som `brugere´ og ikke som `besøgende´ og derfor er vi langt. Men organisatorisk kunne man godt arbejde med den måde hvorpå vi ser på brugerne, som ressourcer i stedet for modtagere af services. Det handler om kultur.", None),
        ),
        (),
    ),
    ("culture", "profil"): (
        (
            ("del-3.kulturer.p07", "De fleste organisationer har sammensatte værdier og perspektiver. Forskningslitteraturen beskriver sådanne organisationer som ”hybrider”, der er karakteriseret ved, at diskussioner om hvorvidt og hvordan de organisatoriske værdier harmonerer kan opstå – nogle gange uventet (Byrkjeflot & Kragh Jespersen, 2014).", "Most organisations have composite values and perspectives. The research literature describes such organisations as \"hybrids\", characterised by the fact that discussions about whether and how the organisational values fit together can arise – sometimes unexpectedly (Byrkjeflot & Kragh Jespersen, 2014)."),
            ("del-3.kulturer.p07", "Umiddelbart harmonerer co-creation godt med New Public Governance, og det er påfaldende, at den stigende interesse for co-creation falder tidsmæssigt sammen med udviklingen af New Public Governance.", "At first sight, co-creation fits well with New Public Governance, and it is striking that the growing interest in co-creation coincides in time with the development of New Public Governance."),
            ("del-3.kulturer.p07", "Men co-creation kan også tillægges værdi inden for andre perspektiver: Co-creation kan bidrage til at øge den faglige kvalitet ved at inddrage brugernes erfaringer, hvilket vil være et Public Administration perspektiv på co-creation, eller bidrage til at øge brugernes tilfredshed ved at brugernes ønsker forsøges imødekommet, hvilket vil være et New Public Management perspektiv på co-creation.", "But co-creation can also be given value within other perspectives: Co-creation can help increase professional quality by drawing on the users' experiences, which would be a Public Administration perspective on co-creation, or help increase user satisfaction by trying to meet the users' wishes, which would be a New Public Management perspective on co-creation."),
        ),
        (),
    ),
    ("culture", "diskussion"): (
        (
            ("anbefaling.kulturer.3", "Derfor anbefales det, at bibliotekerne tematiserer de organisatoriske værdier, der præger hverdagen og diskuterer, hvorvidt og hvordan de harmonerer med organisationernes mål, eksempelvis med hensyn til co-creation med brugere.", None),
            ("del-3.kulturer.p02", "Det er grundlæggende et spørgsmål om, hvorvidt og hvorfor man værdsætter samarbejde – og om det også værdsættes, hvis der ikke kommer noget ud af det.", "It is fundamentally a question of whether and why collaboration is valued – and whether it is also valued if nothing comes of it."),
            ("del-3.kulturer.q03", "Er det her ikke bare det, som vi altid har gjort? Har vi ikke altid inddraget brugerne, så det vi gør giver mening for dem? Joh, øh-bøh.", None),
            ("del-3.kulturer.q04", "Jeg kunne ønske mig, at vi engang imellem var lidt mere modige i forhold til bare at gøre nogle ting og se hvad der sker.", None),
        ),
        (),
    ),
    ("culture", "summary"): (
        (
            ("anbefaling.kulturer.1", "På den baggrund anbefales det, at bibliotekerne adresserer de organisatoriske værdier, der støtter op om co-creation med brugerne.", None),
            ("del-3.kulturer.p09", "Den diskussion af de organisatoriske værdier, der anbefales her, kan bidrage til kompetenceudvikling i forhold til co-creation.", None),
        ),
        (),
    ),
    ("priorities", "omraader"): (
        (
            ("anbefaling.strukturer.2", "Mere specifikt anbefales det, at bibliotekerne tager stilling til, hvilke dele af organisationerne, der skal arbejde med co-creation og hvordan.", None),
            ("anbefaling.strukturer.3", "Helt konkret anbefales det på denne baggrund, at bibliotekernes organisering af arbejdet med co-creation afspejler, at det kan være mere oplagt på nogle områder end på andre, hvorfor medarbejdere på disse områder skal være mere engagerede i og kompetente til at arbejde med co-creation.", None),
            ("del-3.strukturer.q04", "Jeg vil anbefale, at man tænker det ud på andre områder end de mest oplagte. At inddrage de studerende i at udvikle undervisning, det er jeg meget fan af, selvom det kan være en udfordring, da vi har så kort tid sammen med dem. Men man kan også gøre det på alle mulige andre områder end der, hvor vi lige havde tænkt det.", None),
            ("anbefaling.strukturer.4", "Derfor anbefales det, at afgrænsningen som en selvfølge betragtes som dynamisk i den forstand, at den kan ændre sig og arbejdet med co-creation udbredes, indskrænkes eller ”flytte sig” med tiden.", None),
        ),
        (),
    ),
    ("priorities", "niveauer"): (
        (
            ("anbefaling.strukturer.5", "Til at tematisere dette anbefales det, at bibliotekerne opererer med (mindst) de tre niveauer af kompetence, som er nævnt ovenfor: Grundlæggende kompetence, udvidet kompetence og avanceret kompetence.", None),
            ("del-3.strukturer.p04", "Grundlæggende kompetence er et kompetenceniveau, som alle kan og måske skal have, mens avanceret kompetence er et kompetenceniveau, som nogle få skal have (som specialistkompetence), og måske skal bibliotekerne endda have medarbejdere som er eksperter på området og kan bidrage med at udvikle det (tabel 5).", "Basic competence is a level of competence that everyone can, and perhaps should, have, while advanced competence is a level of competence that a few should have (as specialist competence), and perhaps the libraries should even have staff who are experts in the area and can contribute to developing it (table 5)."),
            ("tabel-3", "Basal viden og færdighed som forudsætning for at man kan deltage og bidrage konstruktivt i co-creation med brugere", None),
            ("tabel-3", "Bred viden og færdighed som forudsætning for at man kan tage initiativ til og facilitere co-creation med brugere", None),
            ("tabel-3", "Ekspertise som forudsætning for at man kan håndtere uforudsete udfordringer og bidrage til at videreudvikle området", None),
        ),
        (),
    ),
    ("priorities", "stoette"): (
        (
            ("anbefaling.strukturer.6", "På den baggrund anbefales det, at bibliotekerne forsøger at finde en balance mellem formel og uformel organisering af støtte og opbakning.", None),
            ("anbefaling.strukturer.7", "Helt konkret anbefales det, at bibliotekerne organiserer støtte og opbakning i forlængelse af den beslutning, der træffes om, på hvilke områder og på hvilket niveauer, at bibliotekerne vil arbejde med co-creation.", None),
            ("del-3.strukturer.p06", "Det er oplagt at medarbejdere med udvidet eller avanceret kompetence bør være tilgængelige og stå til rådighed for formel støtte og sparring, mens medarbejdere med grundlæggende kompetence kan bruges til uformel støtte og opbakning i det omfang, der er tid til det.", "It is obvious that staff with extended or advanced competence should be accessible and available for formal support and sparring, while staff with basic competence can be used for informal support and backing to the extent that there is time for it."),
            ("del-3.strukturer.p05", "Styrken ved formel organisering af støtte og opbakning er, at det er forudsigeligt hvorfra og hvilken støtte, man kan få.", "The strength of a formal organisation of support and backing is that it is predictable where support can come from and what support you can get."),
            ("del-3.strukturer.p05", "Det er netop styrken ved uformel organisering af støtte og opbakning, nemlig at den er fleksibel, så medarbejdere selv bestemmer, hvem de henvender sig til.", "That is precisely the strength of an informal organisation of support and backing, namely that it is flexible, so that staff decide for themselves whom they turn to."),
        ),
        (
            ("del-3.strukturer.p05", "Svagheden ved formel organisering er, at den kan være ufleksibel og komme fra en kollega, som ikke er en daglig samarbejdspartner og derfor ikke kender den medarbejder, der søger støtte.", "The weakness of a formal organisation is that it can be inflexible and come from a colleague who is not a day-to-day collaboration partner and therefore does not know the staff member seeking support."),
            ("del-3.strukturer.p05", "Omvendt er svagheden ved uformel organisering af støtte og opbakning, at det er ikke er sikkert, at den, man søger støtte hos, har tid og mulighed for at give den.", "Conversely, the weakness of an informal organisation of support and backing is that it is not certain that the person from whom you seek support has the time and opportunity to give it."),
        ),
    ),
    ("priorities", "signaler"): (
        (
            ("del-3.strukturer.p07", "Den ledelsesmæssige støtte og opbakning angår primært, at prioritering og grundlag er klart og tydeligt.", "Management support and backing is primarily about the priorities and the basis being clear and explicit."),
            ("del-3.strukturer.p07", "Af fokusgrupperne fremgår det, at ledelsesmæssig støtte og opbakning ikke handler om de praktiske opgaver i forbindelse co-creation men om, at det er klart og tydeligt, hvad der er ”grønt lys” til og hvilken ramme, der er for arbejdet.", "The focus groups show that management support and backing is not about the practical tasks in connection with co-creation, but about it being clear and explicit what has been given the \"green light\" and what framework there is for the work."),
            ("del-2.forandringer.q07", "Det skal defineres som en kerneopgave, at det skal vi bare, det her. Det skal meldes ud, at det er noget, der prioriteres, og det skal være tydeligt for alle. Ledelsen har ikke lavet den prioritering.", None),
            ("del-2.forandringer.q10", "Vi skal som ledelse turde sige, at det er OK, hvis man fejler. En gang imellem kan det også være, at det er nogle mindre kvalificerede studerende, vi får fat i, og så bliver produktet ikke så godt. Så er det måske en lidt mislykket proces, men det er også OK. Nogle gange er det OK, at vi fejler.", None),
        ),
        (
            ("del-2.forandringer.q04", "Det vil være ærgerligt, hvis det ikke bliver til noget på grund af noget bureaukratisk noget med at `vi har ikke tid´, `hvad skal vi så ikke lave´ og alt det der, fremfor at det er lysten, der driver.", None),
        ),
    ),
    ("priorities", "summary"): (
        (
            ("anbefaling.strukturer.1", "På den baggrund anbefales det, at fortsat kompetenceudvikling følges op af beslutninger om, hvilke organisatoriske strukturer der bedst kan understøtte arbejdet med co-creation på bibliotekerne.", None),
            ("del-2.forandringer.q06", "I virkeligheden handler det vel om, at det i forhold til vores kerneopgave skal højt op på listen. Det skal ikke bare være sådan, at man får særlige timer, men det skal være en del af kerneopgaven.", None),
            ("del-3.strukturer.p08", "De strukturelle tiltag, der anbefales her, kan understøtte arbejdet med co-creation på bibliotekerne og kan som sådan bidrage til kompetenceudvikling i forhold til co-creation.", None),
        ),
        (),
    ),
    ("evaluation", "initiativ"): (
        (
            ("del-1.tiltag.p08", "En udbredt analyseramme for evaluering af kompetenceudvikling, som oprindeligt blev udviklet af Donald L. Kirkpatrick og siden er blevet videreudviklet i litteraturen (Kirkpatrick & Kirkpatrick, 2016; Tamkin et al., 2002) fremhæver fire forskellige niveauer: Umiddelbar reaktion, faktisk læring, ændret adfærd og organisatorisk udvikling.", None),
            ("del-1.tiltag.p07", "Kompetence handler om at kunne omsætte viden og færdigheder til praktisk handling i forskellige situationer (Illeris, 2011; Tamkin et al., 2002).", "Competence is about being able to translate knowledge and skills into practical action in different situations (Illeris, 2011; Tamkin et al., 2002)."),
            ("del-1.data.p03", "Sammenlignet med individuelle interviews er gruppeinterviews særligt velegnet til at få detaljerede beskrivelser og begrundelser, da deltagerne i gruppeinterviews kan inspirere hinanden til at udfolde og undersøge erfaringer, argumentere for refleksioner, osv. (Bryman & Bell, 2011).", "Compared with individual interviews, group interviews are particularly well suited to obtaining detailed descriptions and justifications, since participants in group interviews can inspire one another to unfold and explore experiences, argue for reflections, etc. (Bryman & Bell, 2011)."),
        ),
        (),
    ),
    ("evaluation", "reaktion"): (
        (
            ("del-1.data.p05", "Hvad tænker du umiddelbart om co-creation?", None),
            ("del-2.reaktioner.p01", "Derfor er det vigtigt at evaluere de umiddelbare reaktioner på kompetenceudviklingstiltag gennem kvalitative fokusgruppeinterviews, som giver deltagerne mulighed for at uddybe og begrunde deres umiddelbare reaktioner.", "It is therefore important to evaluate the immediate reactions to competence development initiatives through qualitative focus group interviews, which give the participants the opportunity to elaborate on and give reasons for their immediate reactions."),
            ("del-1.tiltag.p09", "Kvantitative tilfredshedsvurderinger er altså utilstrækkelige som evalueringsværktøj for kompetenceudvikling, men det betyder ikke, at det er irrelevant at tage tilfredshed i betragtning, da det spiller en stor rolle for deltagernes motivation og interesse (Kirkpatrick & Kirkpatrick, 2016)", "Quantitative satisfaction ratings are thus inadequate as an evaluation tool for competence development, but this does not mean that it is irrelevant to take satisfaction into account, since it plays a large role in the participants' motivation and interest (Kirkpatrick & Kirkpatrick, 2016)."),
        ),
        (
            ("del-1.tiltag.p09", "Forskning viser imidlertid, at denne form for tilfredshedsvurdering er et dårlig mål for kompetenceudvikling.", "Research shows, however, that this form of satisfaction rating is a poor measure of competence development."),
        ),
    ),
    ("evaluation", "laering"): (
        (
            ("del-1.data.p05", "Hvad tager du med fra de udviklingsaktiviteter, du har deltaget i?", None),
            ("del-1.tiltag.p10", "Det er ofte vigtigere at evaluere end tilfredshed, men også vanskeligere (Kirkpatrick & Kirkpatrick, 2006).", "This is often more important to evaluate than satisfaction, but also more difficult (Kirkpatrick & Kirkpatrick, 2006)."),
            ("del-1.tiltag.p10", "Tværtimod er læring i form af viden og færdigheder grundlaget for kompetenceudvikling.", "On the contrary, learning in the form of knowledge and skills is the foundation of competence development."),
        ),
        (
            ("del-1.tiltag.p10", "Test af viden og færdigheder er derfor utilstrækkeligt som evalueringsværktøj for kompetenceudvikling i arbejdslivet (Tamkin et al., 2002, p. 35).", "Tests of knowledge and skills are therefore inadequate as an evaluation tool for competence development in working life (Tamkin et al., 2002, p. 35)."),
        ),
    ),
    ("evaluation", "adfaerd"): (
        (
            ("del-1.data.p05", "Er der noget, som du er begyndt at gøre anderledes? Hvis ja, hvad og hvorfor?", None),
            ("del-1.tiltag.p11", "For det første kan det være vanskeligt at afgøre, hvornår man kan forvente ændringer i adfærd?", "Firstly, it can be difficult to determine when changes in behaviour can be expected."),
            ("del-2.adfaerd.q01", "Mht. tidsperspektivet ml. afrapportering og så nu – det er en meget begrænset tidsperiode, så hvis du tænker, at der skal være en stejl kurve ift. co-creation, så bliver du nok skuffet. Det kunne være fint, hvis evalueringen blevet lavet om to år.", None),
        ),
        (
            ("del-1.tiltag.p11", "Nogle gange er det ikke muligt på grund af individuelle forhold, som usikkerhed og travlhed, eller organisatoriske forhold, som organisatoriske strukturer og kulturer, der kan hæmme mulighederne for at ændre adfærd (Tamkin et al., 2002).", "Sometimes it is not possible because of individual factors, such as uncertainty and being busy (lack of time), or organisational factors, such as organisational structures and cultures, which can inhibit the opportunities to change behaviour (Tamkin et al., 2002)."),
        ),
    ),
    ("evaluation", "organisation"): (
        (
            ("del-1.data.p05", "Hvad er de organisatoriske effekter af at arbejde med co-creation?", None),
            ("del-1.tiltag.p12", "Organisatorisk forandring er derfor vanskeligt men ikke desto mindre vigtigt at evaluere, da nye kompetencer kan give anledning til nye, mere hensigtsmæssige arbejdsformer eller organisering af arbejdsopgaver (Kirkpatrick & Kirkpatrick, 2016).", "Organisational change is therefore difficult but nonetheless important to evaluate, since new competences can give rise to new, more appropriate working methods or organisation of work tasks (Kirkpatrick & Kirkpatrick, 2016)."),
            ("del-2.forandringer.p01", "I fokusgrupperne er der to overordnede forhold, som tematiseres: Tildeling af ressourcer i forhold til hvordan arbejdet med co-creation organiseres, og mulighed for støtte og sparring.", "In the focus groups there are two overall factors that are raised as themes: The allocation of resources with regard to how the work with co-creation is organised, and the opportunity for support and sparring (someone to bounce ideas off)."),
        ),
        (
            ("del-1.tiltag.p12", "For det første kan det tage endnu længere tid, før man kan forvente forandringer i arbejdsformer eller organisering af arbejdsopgaver end individuelle forandringer, da det kan kræve tid til omorganisering og implementering.", "Firstly, it can take even longer before changes in working methods or in the organisation of work tasks can be expected than individual changes, since it can require time for reorganisation and implementation."),
        ),
    ),
    ("evaluation", "summary"): (
        (
            ("del-1.tiltag.p13", "Forskningslitteraturen anbefaler, at evaluering af kompetenceudvikling tager alle fire niveauer ved kompetenceudvikling i betragtning.", "The research literature recommends that evaluation of competence development takes all four levels of competence development into account."),
            ("del-1.tiltag.p13", "Som det fremgår, er der en stigende grad af kompleksitet igennem niveauerne, hvilket indikerer, at det, som er mest vigtigt at evaluere i forhold til kompetenceudvikling, også er det, som er mest vanskeligt at evaluere.", "As can be seen, there is an increasing degree of complexity through the levels, which indicates that what is most important to evaluate with regard to competence development is also what is most difficult to evaluate."),
            ("del-1.p03", "Da formålet med denne evaluering er at fastholde fokus og inspirere til fortsat kompetenceudvikling, er den designet som en formativ evaluering.", "Since the purpose of this evaluation is to maintain focus and to inspire continued competence development, it has been designed as a formative evaluation."),
        ),
        (),
    ),
}

# The management signals of the prioritisation memo, each with the passage that names it.
SIGNALS: dict[str, Entry] = {
    "tydelig prioritering": ("del-2.forandringer.q07", "Det skal defineres som en kerneopgave, at det skal vi bare, det her. Det skal meldes ud, at det er noget, der prioriteres, og det skal være tydeligt for alle. Ledelsen har ikke lavet den prioritering.", None),
    "grønt lys": ("del-3.strukturer.p07", "Af fokusgrupperne fremgår det, at ledelsesmæssig støtte og opbakning ikke handler om de praktiske opgaver i forbindelse co-creation men om, at det er klart og tydeligt, hvad der er ”grønt lys” til og hvilken ramme, der er for arbejdet.", "The focus groups show that management support and backing is not about the practical tasks in connection with co-creation, but about it being clear and explicit what has been given the \"green light\" and what framework there is for the work."),
    "lov til at fejle": ("del-2.forandringer.q10", "Vi skal som ledelse turde sige, at det er OK, hvis man fejler. En gang imellem kan det også være, at det er nogle mindre kvalificerede studerende, vi får fat i, og så bliver produktet ikke så godt. Så er det måske en lidt mislykket proces, men det er også OK. Nogle gange er det OK, at vi fejler.", None),
}
