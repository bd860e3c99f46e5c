"""Every UI string in Danish and English; `t(key)` picks the language switched on in the sidebar."""
from __future__ import annotations

from assistant.bilingual import Bilingual
from assistant.labels import label as catalogue_label
from assistant.labels import labels
from ui import state

# key -> (dansk, English), written as pairs for reading; STRINGS below holds them as the core's one Bilingual type.
# Values may hold {name} fields filled by t(key, name=...).
_PAIRS: dict[str, tuple[str, str]] = {
    # app shell
    "app.title": ("Co-creation på biblioteket", "Co-creation in the library"),
    "app.tagline": (
        "Planlæg co-creation med studerende – med afsæt i DEFF-evalueringen af kompetenceudvikling (2017–2019).",
        "Plan co-creation with students – grounded in the DEFF evaluation of competence development (2017–2019).",
    ),
    "app.english": ("English", "English"),
    "app.section.ask": ("Spørg rapporten", "Ask the report"),
    "app.section.plan": ("Planlæg", "Plan"),
    "app.section.data": ("Dine data", "Your data"),
    "app.backend": ("Svarmotor: {backend}", "Answer engine: {backend}"),
    "app.settings_invalid": ("Indstillingerne (COCREATE_*) er ugyldige: {error}", "The settings (COCREATE_*) are not valid: {error}"),
    "app.source_note": (
        "Alle svar bygger på én kilde: DEFF-rapporten om kompetenceudvikling til co-creation (2017–2019).",
        "Every answer rests on one source: the DEFF report on competence development for co-creation (2017–2019).",
    ),
    "index.checking": ("Gør søgeindekset klar …", "Getting the search index ready …"),
    "index.building": ("Bygger søgeindekset (kun første gang): {done} af {total} tekststykker", "Building the search index (first time only): {done} of {total} passages"),
    "index.done": ("Søgeindekset er klar.", "The search index is ready."),
    # page titles
    "page.chat": ("Spørg rapporten", "Ask the report"),
    "page.drafts": ("Kladder", "Drafts"),
    "page.feedback": ("Feedback og eksport", "Feedback and export"),
    # chat
    "chat.intro": (
        "Stil et spørgsmål om co-creation med studerende. Svaret citerer rapporten med [1], [2] … – kilderne står under svaret.",
        "Ask a question about co-creation with students. The answer cites the report with [1], [2] … – the sources are listed below it.",
    ),
    "chat.placeholder": ("Skriv dit spørgsmål til rapporten …", "Write your question to the report …"),
    "chat.suggestions": ("Forslag til spørgsmål", "Suggested questions"),
    "chat.suggestion.1": ("Hvordan får vi kollegerne med i co-creation?", "How do we get colleagues on board with co-creation?"),
    "chat.suggestion.2": ("Hvad skal ledelsen gøre for at støtte co-creation?", "What should management do to support co-creation?"),
    "chat.suggestion.3": ("Hvordan rekrutterer og fastholder vi studerende?", "How do we recruit and retain students?"),
    "chat.filter.kind": ("Vis", "Show"),
    "chat.filter.kind.all": ("Alle tekststykker", "All passages"),
    "chat.filter.kind.recommendation": ("Kun anbefalinger", "Recommendations only"),
    "chat.filter.kind.quote": ("Kun citater", "Quotes only"),
    "chat.filter.speaker": ("Hvem siger det", "Who says it"),
    "chat.filter.speaker.all": ("Alle talere", "All speakers"),
    "chat.filter.part": ("Del af rapporten", "Part of the report"),
    "chat.filter.part.all": ("Hele rapporten", "The whole report"),
    "chat.empty": ("Skriv et spørgsmål – feltet var tomt.", "Please write a question – the field was empty."),
    "chat.too_long": (
        "Spørgsmålet er for langt: {n} tegn (højst {max}). Forkort det og spørg igen – din tekst står herunder, så du kan kopiere den.",
        "The question is too long: {n} characters (at most {max}). Shorten it and ask again – your text is below so you can copy it.",
    ),
    "chat.bad_question": (
        "Spørgsmålet kunne ikke bruges. Skriv det med almindelige ord, fx «Hvordan får vi kollegerne med?».",
        "The question could not be used. Write it in ordinary words, e.g. “How do we get colleagues on board?”.",
    ),
    "chat.failed.model": ("Sprogmodellen kunne ikke svare: {error}", "The language model could not answer: {error}"),
    "chat.failed.search": ("Søgningen i rapporten mislykkedes: {error}", "The search in the report failed: {error}"),
    "chat.failed.answer": ("Svaret kunne ikke laves: {error}", "The answer could not be made: {error}"),
    "chat.failed.kept": (
        "Dit spørgsmål er gemt i samtalen. Ret det, beskeden nævner, eller vent lidt – og stil spørgsmålet igen.",
        "Your question is kept in the conversation. Fix what the message names, or wait a moment – then ask it again.",
    ),
    "chat.retry": ("Stil spørgsmålet igen", "Ask the question again"),
    "chat.your_text": ("Din tekst", "Your text"),
    "chat.text_shortened": ("Samtalen gemte kun de første {n} tegn af teksten.", "The conversation saved only the first {n} characters of the text."),
    "chat.choose": ("Vælg", "Choose"),
    "chat.open_wizard": ("Åbn guiden «{wizard}»", "Open the «{wizard}» wizard"),
    "chat.thinking": ("Finder svaret i rapporten …", "Finding the answer in the report …"),
    "chat.sources": ("Kilder", "Sources"),
    "chat.no_sources": ("Ingen kilder – rapporten dækker ikke spørgsmålet.", "No sources – the report does not cover the question."),
    "chat.copy": ("Svaret som tekst – kopiér eller hent", "The answer as text – copy or download"),
    "chat.copy_hint": ("Brug kopiknappen i boksens hjørne.", "Use the copy button in the box's corner."),
    "chat.download": ("Hent svaret (.md)", "Download the answer (.md)"),
    "chat.file_name": ("svar.md", "answer.md"),
    "chat.english_rendering": ("Engelsk gengivelse (ikke en del af rapporten)", "English rendering (not part of the report)"),
    "chat.section": ("Afsnit", "Section"),
    "chat.passage_id": ("Kilde-id", "Source id"),
    "chat.speaker": ("Taler", "Speaker"),
    "backend.extractive": ("uddrag fra rapporten (ingen sprogmodel)", "extracts from the report (no language model)"),
    "backend.llm": ("sprogmodel via {backend}", "language model via {backend}"),
    # feedback
    "feedback.ask": ("Var svaret nyttigt?", "Was the answer useful?"),
    "feedback.comment": ("Kommentar (valgfri)", "Comment (optional)"),
    "feedback.send": ("Send kommentar", "Send comment"),
    "feedback.saved": ("Din vurdering er gemt. Skriv gerne en kommentar til den.", "Your rating is saved. Add a comment if you like."),
    "feedback.thanks": ("Tak – din feedback er gemt.", "Thank you – your feedback is saved."),
    "feedback.title": ("Feedback og eksport", "Feedback and export"),
    "feedback.intro": (
        "Feedback på svarene gemmes lokalt. Hent den som CSV eller JSONL til opfølgning.",
        "Feedback on answers is stored locally. Download it as CSV or JSONL for follow-up.",
    ),
    "feedback.count": ("{count} svar har fået feedback.", "{count} answers have received feedback."),
    "feedback.none": ("Der er ingen feedback endnu.", "There is no feedback yet."),
    "feedback.csv": ("Hent feedback (CSV)", "Download feedback (CSV)"),
    "feedback.jsonl": ("Hent feedback (JSONL)", "Download feedback (JSONL)"),
    "feedback.drafts_json": ("Hent alle kladder (JSON)", "Download all drafts (JSON)"),
    "feedback.col.question": ("Spørgsmål", "Question"),
    "feedback.col.rating": ("Vurdering", "Rating"),
    "feedback.col.comment": ("Kommentar", "Comment"),
    "feedback.col.backend": ("Svarmotor", "Answer engine"),
    "feedback.col.created": ("Tidspunkt", "Time"),
    "feedback.up": (":material/thumb_up: Nyttigt", ":material/thumb_up: Useful"),
    "feedback.down": (":material/thumb_down: Ikke nyttigt", ":material/thumb_down: Not useful"),
    "feedback.rating.up": ("Nyttigt", "Useful"),
    "feedback.rating.down": ("Ikke nyttigt", "Not useful"),
    # drafts
    "drafts.title": ("Kladder", "Drafts"),
    "drafts.intro": (
        "Alt, du skriver i planlægningsværktøjerne, gemmes automatisk som kladder. Her kan du åbne, kopiere og slette dem.",
        "Everything you enter in the planning tools is saved automatically as drafts. Here you can open, copy and delete them.",
    ),
    "drafts.none": ("Der er ingen kladder endnu. Start i et af planlægningsværktøjerne.", "There are no drafts yet. Start in one of the planning tools."),
    "drafts.filter": ("Værktøj", "Tool"),
    "drafts.filter.all": ("Alle værktøjer", "All tools"),
    "drafts.open": ("Åbn", "Open"),
    "drafts.duplicate": ("Kopiér", "Duplicate"),
    "drafts.delete": ("Slet", "Delete"),
    "drafts.confirm_delete": ("Ja, slet «{title}»", "Yes, delete “{title}”"),
    "drafts.deleted": ("Kladden «{title}» er slettet.", "The draft “{title}” is deleted."),
    "drafts.duplicated": ("Kopi oprettet: «{title}»", "Copy created: “{title}”"),
    "drafts.copy_suffix": ("(kopi)", "(copy)"),
    "drafts.meta": ("{tool} · trin: {step} · senest gemt {updated}", "{tool} · step: {step} · last saved {updated}"),
    "drafts.export": ("Hent alle kladder (JSON)", "Download all drafts (JSON)"),
    "drafts.import": ("Gendan kladder fra en sikkerhedskopi (JSON-fil)", "Restore drafts from a backup (JSON file)"),
    "drafts.import.help": (
        "Brug en JSON-fil hentet med «Hent alle kladder», højst {mb} MB. Knappen «Upload» og teksten «{mb}MB per file» er "
        "Streamlits egne og står altid på engelsk: «Upload» betyder «vælg fil», og «per file» betyder «pr. fil».",
        "Use a JSON file saved with “Download all drafts”, at most {mb} MB.",
    ),
    "drafts.import.how": (
        "Klik på «Upload» og vælg filen – eller træk filen hen på feltet. Derefter: «Gendan».",
        "Click “Upload” and choose the file – or drag the file onto the box. Then: “Restore”.",
    ),
    "drafts.import.go": ("Gendan", "Restore"),
    "drafts.import.too_big": ("Filen er for stor (højst {mb} MB).", "The file is too large (at most {mb} MB)."),
    "drafts.import.bad": ("Filen kunne ikke bruges: {error}", "The file could not be used: {error}"),
    "drafts.imported": ("{n} kladder gendannet.", "{n} drafts restored."),
    "drafts.imported_one": ("1 kladde gendannet.", "1 draft restored."),
    "drafts.imported_none": (
        "Ingen kladder gendannet: alle {total} i filen findes allerede her i samme eller en nyere udgave.",
        "No drafts restored: all {total} in the file are already here in the same or a newer version.",
    ),
    "drafts.import.not_backup": (
        "Filen er ikke en sikkerhedskopi fra cocreate. Brug en fil hentet med «Hent alle kladder».",
        "The file is not a cocreate backup. Use a file saved with “Download all drafts”.",
    ),
    # wizards (shared)
    "wizard.start_title": ("Titel på den nye kladde", "Title of the new draft"),
    "wizard.start": ("Start en ny kladde", "Start a new draft"),
    "wizard.continue": ("… eller fortsæt en kladde", "… or continue a draft"),
    "wizard.autosave_note": (
        "Alt gemmes automatisk, mens du skriver. Du kan lukke browseren og fortsætte senere fra «Kladder».",
        "Everything is saved automatically as you type. You can close the browser and continue later from “Drafts”.",
    ),
    "wizard.draft_title": ("Kladdens titel", "Draft title"),
    "wizard.title_empty": (
        "Titlen er tom. Kladden beholder sin gemte titel «{kept}», indtil du skriver en ny.",
        "The title is empty. The draft keeps its saved title «{kept}» until you type a new one.",
    ),
    "wizard.title_too_long": (
        "Titlen er {n} tegn lang; grænsen er {most}. Gør den kortere – indtil da beholder kladden titlen «{kept}».",
        "The title is {n} characters long; the limit is {most}. Shorten it; until then the draft keeps the title «{kept}».",
    ),
    "wizard.start_title_empty": ("Giv kladden en titel, før du starter.", "Give the draft a title before you start."),
    "wizard.start_title_too_long": (
        "Titlen er {n} tegn lang; grænsen er {most}. Gør den kortere, og start igen.",
        "The title is {n} characters long; the limit is {most}. Shorten it and start again.",
    ),
    "wizard.saved": ("Gemt automatisk {time}", "Saved automatically {time}"),
    "wizard.step_of": ("Trin {n} af {total}: {title}", "Step {n} of {total}: {title}"),
    "wizard.back": ("← Forrige", "← Back"),
    "wizard.next": ("Næste →", "Next →"),
    "wizard.close": ("Luk kladden", "Close the draft"),
    "wizard.report_says": ("Det siger rapporten", "What the report says"),
    "wizard.advice_source": ("Kilde: {source}", "Source: {source}"),
    "wizard.advice_english": ("Engelsk gengivelse: {text}", "English rendering: {text}"),
    "wizard.more_passages": ("Flere relevante steder i rapporten", "More relevant passages in the report"),
    "wizard.no_passages": ("Ingen flere steder fundet.", "No further passages found."),
    "wizard.missing": ("Det mangler før dokumentet er færdigt:", "Missing before the document is complete:"),
    "wizard.complete": ("Alle dele er udfyldt – dokumentet er klar.", "Every part is filled in – the document is ready."),
    "wizard.document": ("Dit dokument", "Your document"),
    "wizard.download_md": ("Hent som Markdown", "Download as Markdown"),
    "wizard.download_docx": ("Hent som Word (DOCX)", "Download as Word (DOCX)"),
    "wizard.not_found": ("Kladden i adressen findes ikke længere.", "The draft in the address no longer exists."),
    "wizard.default_title": ("{tool} {date}", "{tool} {date}"),
    "wizard.none": ("– vælg –", "– choose –"),
    "wizard.number_placeholder": ("Skriv et tal fra 0 til 10.000", "Type a number from 0 to 10,000"),
    "wizard.text_too_long": (
        "Teksten er for lang: {n} tegn (højst {max}). Den gemmes først, når den er kortet ned; resten af kladden gemmes. "
        "Kort den ned, før du lukker siden.",
        "The text is too long: {n} characters (at most {max}). It is saved once it is shorter; the rest of the draft is "
        "saved. Shorten it before you close the page.",
    ),
    "wizard.steps": ("Trin", "Steps"),
    "wizard.shorten_first": (
        "Kort den for lange tekst ned, før du går videre – den er ikke gemt endnu og ville gå tabt, hvis du skiftede trin.",
        "Shorten the text that is too long before you move on – it is not saved yet and would be lost if you changed step.",
    ),
    "wizard.number_invalid": (
        "«{typed}» er ikke et tal fra 0 til 10.000. Det gemmes først, når det er rettet; resten af kladden gemmes.",
        "«{typed}» is not a number from 0 to 10,000. It is saved once it is corrected; the rest of the draft is saved.",
    ),
    "wizard.whole_number_invalid": (
        "«{typed}» er ikke et helt tal fra 0 til 10.000. Det gemmes først, når det er rettet; resten af kladden gemmes.",
        "«{typed}» is not a whole number from 0 to 10,000. It is saved once it is corrected; the rest of the draft is saved.",
    ),
    "wizard.fix_number_first": (
        "Ret tallet i «{fields}», før du går videre – det er ikke gemt endnu og ville gå tabt, hvis du skiftede trin.",
        "Correct the number in «{fields}» before you move on – it is not saved yet and would be lost if you changed step.",
    ),
    "wizard.invalid": ("Det seneste input kunne ikke gemmes: {error}", "The latest input could not be saved: {error}"),
    # wizard intros
    "intro.fourp": (
        "Planlæg et co-creation-forløb efter 4P-modellen: Pointe, Partnere, Processer og Produkt.",
        "Plan a co-creation activity with the 4P model: Point, Partners, Processes and Product.",
    ),
    "intro.identity": (
        "Rapportens tre professionelle identiteter (Tabel 4) reagerer forskelligt på co-creation. Vurdér dig selv – eller saml et anonymt teambillede.",
        "The report's three professional identities (Table 4) react differently to co-creation. Assess yourself – or gather an anonymous picture of the team.",
    ),
    "intro.culture": (
        "Hvilke organisatoriske værdier præger jer (Tabel 6), og harmonerer de med co-creation? Vurdér jeres kultur og få spørgsmål til diskussion.",
        "Which organisational values characterise you (Table 6), and do they fit co-creation? Assess your culture and get questions for discussion.",
    ),
    "intro.priorities": (
        "Til ledelsen: hvor skal der arbejdes med co-creation, på hvilket kompetenceniveau, med hvem og med hvilken støtte – samlet i et prioriteringsnotat.",
        "For management: where to work with co-creation, at which competence level, with whom and with what support – gathered in a prioritisation memo.",
    ),
    "intro.evaluation": (
        "Planlæg evalueringen af et kompetenceudviklingstiltag på Kirkpatricks fire niveauer – med rapportens interviewspørgsmål a–d som udgangspunkt.",
        "Plan the evaluation of a competence development initiative on Kirkpatrick's four levels – starting from the report's interview questions a–d.",
    ),
    # 4P
    "fourp.title": ("Planens titel", "Title of the plan"),
    "fourp.pointe_purpose": ("Hvad vil I bruge co-creation til?", "What do you want to use co-creation for?"),
    "fourp.pointe_purpose.help": ("Beskriv formålet med forløbet med egne ord.", "Describe the purpose of the activity in your own words."),
    "fourp.motives": ("Motiver", "Motives"),
    "fourp.motives.help": (
        "Kvalitet, effektivitet og legitimitet appellerer til forskellige professionelle identiteter – vælg de motiver, I vil fremhæve.",
        "Quality, efficiency and legitimacy appeal to different professional identities – choose the motives you will stress.",
    ),
    "fourp.focus": ("Udviklingsfokus", "Development focus"),
    "fourp.focus.help": ("Tabel 2: fokus bestemmer, hvilket produkt der kommer ud af forløbet.", "Table 2: the focus decides what product the activity yields."),
    "fourp.partners": ("Hvem deltager?", "Who takes part?"),
    "fourp.recruitment": ("Hvordan rekrutterer I deltagerne?", "How do you recruit the participants?"),
    "fourp.retention": ("Hvordan fastholder I dem i samarbejdet?", "How do you keep them in the collaboration?"),
    "fourp.process_form": ("Form", "Form"),
    "fourp.facilitation": ("Hvem faciliterer – og hvordan?", "Who facilitates – and how?"),
    "fourp.timing": ("Timing: hvornår passer det deltagerne?", "Timing: when does it suit the participants?"),
    "fourp.hours": ("Afsatte timer i alt", "Hours set aside in total"),
    "fourp.hours.help": ("Et formelt projekt kræver en aftale om ressourcer.", "A formal project needs an agreement on resources."),
    "fourp.group_dynamics": ("Gruppedynamik: hvad skal I være opmærksomme på?", "Group dynamics: what should you watch out for?"),
    "fourp.product_kind": ("Hvad skal der komme ud af det?", "What should come out of it?"),
    "fourp.product_hint": ("Med fokus på {focus} fører det efter Tabel 2 til: {product}.", "With a focus on {focus}, Table 2 leads to: {product}."),
    "fourp.product_owner": ("Hvem ejer resultatet bagefter?", "Who owns the result afterwards?"),
    "fourp.continuation": ("Hvordan videreføres resultatet?", "How is the result carried forward?"),
    # identity
    "identity.value": ("Værdi", "Value"),
    "identity.potential": ("Potentiale", "Potential"),
    "identity.aversion": ("Aversion", "Aversion"),
    "identity.framing": ("Sådan kan co-creation præsenteres", "How to present co-creation"),
    "identity.description": ("Beskrivelse", "Description"),
    "identity.motive": ("Motiv: {motive}", "Motive: {motive}"),
    "identity.scale": ("1 = helt uenig · 5 = helt enig", "1 = strongly disagree · 5 = strongly agree"),
    "rating.counted": ("Vurderet", "Rated"),
    "rating.counted.help": (
        "Sættes af sig selv, når du flytter skyderen. Sæt selv flueben for at tælle den midterste værdi 3 med; fjern det for at lade udsagnet stå uvurderet.",
        "Ticked by itself when you move the slider. Tick it yourself to count the middle value 3; untick it to leave the statement unrated.",
    ),
    "identity.repeated_codes": (
        "Samme kode står flere gange: {codes}. Hver linje tælles som én kollega – slet dubletten, hvis det er den samme person.",
        "The same code appears more than once: {codes}. Each line counts as one colleague – delete the copy if it is the same person.",
    ),
    "identity.none_rated": (
        "Du har ikke vurderet nogen udsagn endnu, så der er ingen profil. Flyt mindst én skyder i trin 2, eller sæt flueben ved «Vurderet».",
        "You have not rated any statement yet, so there is no profile. Move at least one slider in step 2, or tick “Rated”.",
    ),
    "identity.rated": ("{n} af {total} udsagn vurderet (resten tæller som neutrale 3).", "{n} of {total} statements rated (the rest count as neutral 3)."),
    "identity.chart_title": ("Din profil", "Your profile"),
    "identity.share": ("Andel", "Share"),
    "identity.type": ("Identitet", "Identity"),
    "identity.dominant": ("Dominerende: {types}", "Dominant: {types}"),
    "identity.mixed": ("Du har en sammensat identitet – det er normalt.", "You have a composite identity – that is normal."),
    "identity.code": ("Din anonyme profilkode", "Your anonymous profile code"),
    "identity.code_help": (
        "Koden indeholder kun dine vurderinger – intet navn. Del den med den, der samler teamets profil.",
        "The code holds only your ratings – no name. Share it with whoever gathers the team's profile.",
    ),
    "identity.team_intro": (
        "Saml et anonymt billede af teamet: indsæt kollegernes profilkoder (én pr. linje).",
        "Gather an anonymous picture of the team: paste your colleagues' profile codes (one per line).",
    ),
    "identity.team_codes": ("Profilkoder", "Profile codes"),
    "identity.add_mine": ("Tilføj min egen profil", "Add my own profile"),
    "identity.bad_codes": ("Disse linjer er ikke gyldige profilkoder og tælles ikke med: {lines}", "These lines are not valid profile codes and are not counted: {lines}"),
    "identity.team_n_one": ("1 profil i teamet; {mixed} har en sammensat identitet.", "1 profile in the team; {mixed} has a composite identity."),
    "identity.team_n": ("{n} profiler i teamet; {mixed} har en sammensat identitet.", "{n} profiles in the team; {mixed} have a composite identity."),
    "identity.team_chart": ("Teamets spredning (laveste–højeste andel, prik = gennemsnit)", "The team's spread (lowest–highest share, dot = mean)"),
    "identity.team_none": ("Ingen profiler endnu. Indsæt mindst én kode.", "No profiles yet. Paste at least one code."),
    "identity.team_advice": ("Råd til teamet", "Advice for the team"),
    "identity.dominant_count": ("Dominerende hos", "Dominant for"),
    # culture
    "culture.ideal": ("Ideal", "Ideal"),
    "culture.values": ("Værdier", "Values"),
    "culture.aversions": ("Aversioner", "Aversions"),
    "culture.cocreation": ("Co-creation i dette perspektiv", "Co-creation in this perspective"),
    "culture.cocreation_many": ("Co-creation i disse perspektiver", "Co-creation in these perspectives"),
    "culture.and": ("og", "and"),
    "culture.rate_intro": ("Hvor godt passer udsagnene på jeres bibliotek?", "How well do the statements fit your library?"),
    "culture.chart_title": ("Jeres profil", "Your profile"),
    "culture.hybrid": ("I er en hybrid – som de fleste organisationer.", "You are a hybrid – like most organisations."),
    "culture.questions": ("Tag spørgsmålene med til jeres næste møde:", "Take the questions to your next meeting:"),
    "culture.perspective": ("Perspektiv", "Perspective"),
    "culture.note": ("Jeres notat: hvad konkluderede I?", "Your note: what did you conclude?"),
    "culture.note.help": ("Kommer med i dokumentet under «Noter».", "Included in the document under “Notes”."),
    # priorities
    "priorities.library": ("Bibliotek", "Library"),
    "priorities.areas": ("Områder, hvor I vil arbejde med co-creation", "Areas where you will work with co-creation"),
    "priorities.area": ("Område", "Area"),
    "priorities.new_area": ("Nyt område", "New area"),
    "priorities.new_area.placeholder": ("fx undervisning i informationssøgning", "e.g. teaching information retrieval"),
    "priorities.add": ("Tilføj område", "Add area"),
    "priorities.not_added": ("«{name}» er ikke tilføjet endnu: tryk Enter eller «Tilføj område».",
                             "“{name}” is not added yet: press Enter or “Add area”."),
    "priorities.remove": ("Fjern", "Remove"),
    "priorities.no_areas": ("Tilføj først et område på trinnet «Områder».", "First add an area in the step “Areas”."),
    "priorities.empty_name": ("Et område skal have et navn (højst 200 tegn).", "An area needs a name (at most 200 characters)."),
    "priorities.name_too_long": ("Navnet er for langt ({n}/{max} tegn). Gør det kortere.", "The name is too long ({n}/{max} characters). Shorten it."),
    "priorities.duplicate_area": ("Området «{name}» står allerede på listen. Giv det nye område et andet navn.",
                                  "The area «{name}» is already on the list. Give the new area another name."),
    "priorities.level": ("Målniveau", "Target level"),
    "priorities.staff": ("Antal medarbejdere", "Number of staff"),
    "priorities.support": ("Støtte", "Support"),
    "priorities.timing": ("Tidsplan", "Timing"),
    "priorities.hours": ("Timer i alt pr. medarbejder til co-creation", "Total hours per staff member for co-creation"),
    "priorities.hours.help": (
        "Det samlede antal timer, hver medarbejder har til co-creation i denne prioritering.",
        "The total number of hours each staff member has for co-creation in this prioritisation.",
    ),
    "priorities.signals": ("Ledelsens signaler", "Management signals"),
    "priorities.notes": ("Noter", "Notes"),
    "priorities.chart": ("Overblik: områder efter målniveau", "Overview: areas by target level"),
    # evaluation
    "evaluation.initiative": ("Hvilket kompetenceudviklingstiltag skal evalueres?", "Which competence development initiative is to be evaluated?"),
    "evaluation.model": ("Kirkpatricks fire niveauer og rapportens interviewspørgsmål a–d", "Kirkpatrick's four levels and the report's interview questions a–d"),
    "evaluation.report_question": ("Rapportens spørgsmål", "The report's question"),
    "evaluation.questions": ("Spørgsmål (ét pr. linje)", "Questions (one per line)"),
    "evaluation.method": ("Metode", "Method"),
    "evaluation.method.placeholder": ("fx spørgeskema, fokusgruppe, interview, observation", "e.g. survey, focus group, interview, observation"),
    "evaluation.timing": ("Hvornår?", "When?"),
    "evaluation.timing.placeholder": ("fx lige efter workshoppen / efter 3 måneder", "e.g. right after the workshop / after 3 months"),
}

# Labels for the report's and the models' enumerated values: a view of the core's one catalogue (corpus/planning/labels.yaml).
LABELS: dict[str, Bilingual] = {value: text for group in ("choices", "levels", "speakers", "parts", "kinds") for value, text in labels(group).items()}


def t(key: str, **values: object) -> str:
    """The UI string ``key`` in the current language, with ``values`` filled in."""
    text = STRINGS[key].get(state.language())
    return text.format(**values) if values else text


def number(value: int) -> str:
    """A whole number as the page's language writes it: 4.799 in Danish, 4,799 in English."""
    return f"{value:,}".replace(",", "." if state.language() == "da" else ",")


def label(value: str | None) -> str:
    """A readable label for an enumerated value (kind, part, speaker, model option); the value itself if unknown."""
    return catalogue_label(value, state.language())

from ui.i18n_conversations import CONVERSATION_STRINGS  # noqa: E402 - the chat's saved conversations
from ui.i18n_shared import SHARED_STRINGS  # noqa: E402 - saving conflicts, outages, sign-in and teams (issue 15)
from ui.i18n_wizard import WIZARD_STRINGS  # noqa: E402 - a step held by an unsaved field; who dominates a profile

_ALL = {**_PAIRS, **CONVERSATION_STRINGS, **SHARED_STRINGS, **WIZARD_STRINGS}
STRINGS: dict[str, Bilingual] = {key: Bilingual(da=da, en=en) for key, (da, en) in _ALL.items()}
