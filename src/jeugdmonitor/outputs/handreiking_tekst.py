"""The fixed prose of the handreiking (Dutch); the generated parts live in ``handreiking.py``.

Kept apart so that the generator stays small and a writer can improve the wording without touching code.
"""

from __future__ import annotations

from jeugdmonitor.catalog.rapporten import RIJEN_VAST

KOP = """# Handreiking rapportages jeugdhulp

Voor wie rapportages uit de Jeugdhulpmonitor voorbereidt, maakt of leest: beleidsmedewerkers,
controllers, teamleiders en de medewerkers van de toegang. De handreiking zegt hoe u een levering
voorbereidt, hoe u de vijf rapporten maakt en leest, welke vraag elk onderdeel beantwoordt en hoe u een
sjabloon aanpast aan uw eigen gemeente of regio.

> Dit bestand wordt gemaakt uit de indicatorencatalogus, het gegevenscontract en de rapportsjablonen
> (`.venv/bin/python tools/build_handreiking.py`). Pas het niet met de hand aan: een test faalt zodra het
> niet meer overeenkomt met de catalogus en de sjablonen."""

DOELGROEPEN = """Er zijn vijf rapporten, één per doelgroep (de vijf niveaus uit het Hengelose ontwerp van 2015). De
raad en het college sturen strategisch op hoofdlijnen; management en leidinggevenden tactisch per perceel,
aanbieder, team en wijk; uitvoerenden werken met lijsten van jeugdigen. In rapporten die openbaar mogen
worden, zijn kleine aantallen afgeschermd, zodat niemand een jeugdige kan herkennen. Het rapport voor
uitvoerenden toont jeugdigen onder een verkort pseudoniem en is altijd vertrouwelijk."""

LEVERING = """Een levering is een map met per tabel één CSV- of Excel-bestand (`jeugdigen.csv`, `jeugdhulp.csv`,
…) volgens het gegevenscontract. Alleen `jeugdigen` en `jeugdhulp` zijn verplicht; elke andere tabel maakt
meer indicatoren en dus meer onderdelen van de rapporten mogelijk. Ontbreekt een tabel, dan staat in het
rapport bij de betreffende indicator *niet beschikbaar* met de gegevens die ontbreken.

Zo bereidt u een levering voor:

1. Zet per tabel één bestand in een map, in UTF-8, met de kolomnamen uit het contract (de tabel hieronder
   noemt de tabellen; `src/jeugdmonitor/contract/tabellen.yaml` noemt de kolommen).
2. Controleer de levering: `.venv/bin/jeugdmonitor check MAP`. Het kwaliteitsrapport zegt per basisgegeven
   of het aanwezig, volledig en geldig is en welke indicatoren daardoor (niet) beschikbaar zijn.
3. Laad de levering: `.venv/bin/jeugdmonitor load MAP --store jeugdmonitor.duckdb`. BSN's worden bij het
   inlezen gepseudonimiseerd; bewaar de sleutel naast de store en deel hem niet.
4. Zet in `levering.csv` de peildatum: de datum tot waarop de levering volledig is. Alles na de peildatum
   telt niet mee; een periode die na de peildatum eindigt heet *voorlopig*.

Welke tabellen welk rapport nodig heeft:"""

MAKEN = """Eén commando maakt één rapport in één vorm:

```
.venv/bin/jeugdmonitor report --store jeugdmonitor.duckdb --doelgroep raad --periode 2025-T2 \\
    --gemeente GM0164 --format pdf --out raad-hengelo.pdf
```

- `--doelgroep`: `raad`, `college`, `management`, `leidinggevenden` of `uitvoerenden`.
- `--periode`: de rapportageperiode, bijvoorbeeld `2025-T2` (tweede tertaal: mei tot en met augustus),
  `2025-H1` (eerste halfjaar) of `2025` (het hele jaar). Kies een periode die vóór de peildatum eindigt,
  anders zijn de cijfers voorlopig.
- `--gemeente`: de CBS-code van de gemeente (`GM0164`) of `regio` voor de regio als geheel (standaard).
- `--format`: `html` (een webpagina die zonder internet werkt), `pdf` (A4, met omslag, inhoudsopgave en
  paginanummers) of `xlsx` (het tabellenboek: een blad per hoofdstuk met de genummerde tabellen en een blad
  met de definities).
- In plaats van `--store` kan `--data MAP`: dan wordt de levering voor dit ene rapport tijdelijk geladen.
- `--sjablonen MAP`: een map met eigen sjablonen van de regio (zie hoofdstuk 6).

`make demo` maakt de hele set voor de demoregio: vijf doelgroepen in drie vormen, voor Hengelo en voor de
regio, in `out/rapporten/` met een overzichtspagina `index.html`."""

LEZEN = """Elk rapport is opgebouwd uit hoofdstukken en secties. Een sectie heeft steeds dezelfde delen:

- **Waarom willen we dit weten**: de vraag die de sectie beantwoordt, uit de indicatorencatalogus.
- **Genummerde tabellen** ("Tabel 1.4.1"): het nummer is hoofdstuk, sectie en volgnummer, zodat u in een
  vergadering naar een tabel kunt verwijzen. In het tabellenboek staat dezelfde tabel onder hetzelfde nummer.
- **Grafieken** waar een beeld sneller leest dan een tabel: een trend over de laatste vijf perioden, staven
  per categorie, gestapelde staven voor zorg in natura en pgb, realisatie tegenover budget en prognose. Bij
  elke grafiek staat in tekst wat hij laat zien.
- **Wat zien we?**: een korte tekst die uit de cijfers is afgeleid: de verandering tegenover de vorige
  periode en dezelfde periode vorig jaar, de grootste bijdragen, opvallende wijken of aanbieders en de stand
  tegenover een norm. De tekst duidt niet; de duiding is aan de lezer.

Afspraken bij het lezen:

- **Periode en peildatum.** Aantallen *in* een periode (instroom, uitstroom, kosten) gaan over de hele
  periode; standen (in zorg, wachtlijst) gaan over de laatste dag ervan. Cijfers na de peildatum tellen niet
  mee.
- **`< 5`** staat in rapporten voor raad en college waar het werkelijke aantal 1, 2, 3 of 4 is; soms is ook
  een ander getal in de tabel afgeschermd, zodat het kleine aantal niet uit het totaal terug te rekenen is.
  Een 0 wordt gewoon getoond.
- **Niet beschikbaar** (in een tabel `n.b.`) betekent dat de gegevens voor die indicator niet geleverd zijn;
  het rapport zegt in gewone woorden welke, met in kleine letters de namen uit het gegevenscontract
  (bijvoorbeeld `aanmeldingen.datum`) voor wie de volgende levering voorbereidt.
- **`n.n.b.`** (nog niet te beoordelen) staat bij een cijfer dat vooruitkijkt, zoals terugkeer in jeugdhulp
  binnen 182 dagen na het einde van de hulp: voor een periode waarvan die termijn na de peildatum afloopt, is
  het cijfer nog niet te geven. De tekst noemt dan het laatst bekende cijfer.
- **`–`** betekent: geen gegevens in die periode (bijvoorbeeld een perceel zonder budget).
- **Werklijsten** voor uitvoerenden geven de stand op de peildatum, ook als de rapportageperiode eerder eindigt.
- **Jaarprognose.** De maanden na de peildatum tonen de verplichtingen van de lopende toewijzingen, het
  begrote budget en de prognose, die in een rechte lijn loopt van de kosten tot en met de maand van de
  peildatum naar de jaarprognose in december, met onder- en bovengrens.
- **Voorlopig** betekent dat de periode na de peildatum eindigt: de cijfers kunnen nog veranderen.
- **Vertrouwelijk** staat op het rapport voor uitvoerenden: het noemt jeugdigen (onder een verkort
  pseudoniem) en hun medewerker en is alleen voor geautoriseerde medewerkers.
- Getallen staan in Nederlandse notatie: 1.234 jeugdigen, 12,5%, € 1.234.567, 1 april 2025."""

PER_RAPPORT = """Per rapport de hoofdstukken en secties, met de vraag die elke sectie beantwoordt, de tabellen, de
weergave en waarmee vergeleken wordt. De nummers zijn die van de secties in het rapport."""

AANPASSEN = """Een sjabloon is een YAML-bestand: hoofdstukken met secties, en per sectie de tabellen (welke
indicator, uitgesplitst naar welke dimensie), de weergave en de vergelijkingen. Een regio past een rapport
aan zonder te programmeren:

1. Kopieer het meegeleverde sjabloon (`src/jeugdmonitor/catalog/rapporten/raad.yaml`) naar een eigen map,
   bijvoorbeeld `sjablonen/raad.yaml`. De naam van het bestand is de naam van het sjabloon.
2. Pas het aan: haal een sectie weg, voeg een tabel toe, kies een andere uitsplitsing of een andere
   weergave. De velden staan hieronder; de indicatoren staan in het definitieoverzicht
   (`.venv/bin/jeugdmonitor catalog`).
3. Maak het rapport met de eigen map erbij: `jeugdmonitor report … --sjablonen sjablonen`. Het programma
   zoekt van specifiek naar algemeen: eerst de eigen map, dan de meegeleverde sjablonen. Een eigen
   `raad.yaml` vervangt dus het meegeleverde raadsrapport; de andere rapporten blijven zoals ze zijn. De
   inleiding van het rapport noemt het sjabloon dat gebruikt is.
4. Een fout in het bestand wordt gemeld met bestand en regel, bijvoorbeeld
   `raad.yaml, regel 14: hoofdstukken.0.secties.1.weergave.0: moet een van … zijn`, of
   `raad.yaml, regel 30: onbekende indicator 'kern.wachtlijsten'`.

Een klein voorbeeld van een sectie:

```yaml
- titel: Instroom, doorstroom en uitstroom
  weergave: [tabel, trend]
  vergelijking: [vorige_periode, vorig_jaar]
  tabellen:
    - titel: Jeugdigen in zorg
      indicator: kern.stromen
      rijen: maat
```"""

INDICATOREN = """Alle indicatoren die de rapporten gebruiken, met het rapport waarin ze staan. De volledige
definitie, de reden en de benodigde gegevens staan in het definitieoverzicht (`jeugdmonitor catalog`) en op
het blad *Definities* van elk tabellenboek."""

WEERGAVEN = {
    "tabel": "tabel",
    "staven": "staafdiagram",
    "trend": "trendlijn over de laatste vijf perioden",
    "gestapeld": "gestapelde staven (bijvoorbeeld zorg in natura en pgb)",
    "wijkvergelijking": "vergelijking van de wijken",
    "doelstatus": "stand tegenover het doel",
    "stapeling": "unieke jeugdigen tegenover het aantal per categorie (stapeling)",
}

VERGELIJKINGEN = {
    "vorige_periode": "de vorige periode",
    "vorig_jaar": "dezelfde periode vorig jaar",
    "regio": "de andere gemeenten van de regio",
    "norm": "de norm",
}

LIJSTEN = {
    "wachtend_boven_norm": "jeugdigen die langer wachten dan de norm",
    "einde_binnen_8_weken": "toewijzingen die binnen 8 weken aflopen",
    "zonder_start": "toewijzingen waarop nog geen hulp is gestart",
    "bijna_18": "jeugdigen in zorg die binnen 6 maanden 18 worden",
    "beheersmaatregelen": "de voortgang van de beheersmaatregelen",
    "aanmeldingen_per_team": "aanmeldingen per team en wat erop volgde",
    "caseload": "het aantal lopende trajecten per medewerker, per team",
    "wachtlijst_per_team": "de wachtlijst per team",
}

# the tables of a delivery each work list reads (work lists come from the store, not from indicators)
LIJST_TABELLEN = {
    "wachtend_boven_norm": ("jeugdhulp",),
    "einde_binnen_8_weken": ("jeugdhulp",),
    "zonder_start": ("jeugdhulp",),
    "bijna_18": ("jeugdhulp", "jeugdigen"),
    "beheersmaatregelen": ("beheersmaatregelen",),
    "aanmeldingen_per_team": ("aanmeldingen",),
    "caseload": ("jeugdhulp",),
    "wachtlijst_per_team": ("jeugdhulp",),
}

LIJST_WAAROM = {
    "wachtend_boven_norm": "Wie wacht langer dan de norm, en bij welke medewerker ligt de volgende stap?",
    "einde_binnen_8_weken": "Welke toewijzingen lopen binnenkort af, zodat op tijd over vervolg besloten wordt?",
    "zonder_start": "Welke toegewezen hulp is nog niet begonnen?",
    "bijna_18": "Wie wordt binnenkort 18, zodat de overgang naar volwassenenzorg op tijd geregeld wordt?",
    "beheersmaatregelen": "Hoe staan de afgesproken beheersmaatregelen ervoor?",
    "aanmeldingen_per_team": "Hoeveel aanmeldingen kreeg elk team, en wat volgde erop?",
    "caseload": "Hoeveel jeugdigen begeleidt elke medewerker, en is de verdeling over het team evenwichtig?",
    "wachtlijst_per_team": "Waar blijven jeugdigen hangen tussen aanmelding en hulp?",
}

VELDEN = {
    "sjabloon.naam": "de naam van het sjabloon; standaard de bestandsnaam zonder `.yaml`",
    "sjabloon.doelgroep": "voor wie: `raad`, `college`, `management`, `leidinggevenden` of `uitvoerenden`",
    "sjabloon.titel": "de titel op de omslag",
    "sjabloon.inleiding": "tekst aan het begin van het rapport",
    "sjabloon.leeswijzer": "uitleg hoe het rapport te lezen",
    "sjabloon.hoofdstukken": "de hoofdstukken, in volgorde",
    "sjabloon.onderdrukken_k": "strenger afschermen dan de doelgroep: aantallen onder deze k worden '< k'; ook voor"
    " een doelgroep die zelf niet afschermt. Soepeler dan de doelgroep kan niet",
    "sjabloon.basis": "een ander sjabloon waarvan de hoofdstukken eerst komen (het college bouwt voort op de raad)",
    "hoofdstuk.titel": "de titel van het hoofdstuk",
    "hoofdstuk.inleiding": "tekst aan het begin van het hoofdstuk",
    "hoofdstuk.secties": "de secties, in volgorde",
    "sectie.titel": "de titel van de sectie",
    "sectie.tekst": "vaste tekst bij de sectie",
    "sectie.waarom": "eigen tekst voor *Waarom willen we dit weten*; anders die uit de catalogus",
    "sectie.weergave": "een of meer van: " + ", ".join(f"`{k}`" for k in WEERGAVEN),
    "sectie.vergelijking": "een of meer van: " + ", ".join(f"`{k}`" for k in VERGELIJKINGEN),
    "sectie.tabellen": "de genummerde tabellen van de sectie",
    "sectie.lijst": "in plaats van tabellen een werklijst: " + ", ".join(f"`{k}`" for k in LIJSTEN),
    "sectie.doelboom": "in plaats van tabellen een doelenboom uit `catalog/doelen/` (bijvoorbeeld `twente_verblijf`):"
    " de boom getekend met de status van elke streefwaarde, de cijfers erachter en de beheersmaatregelen",
    "tabel.titel": "het onderschrift van de tabel (na 'Tabel 1.4.1')",
    "tabel.indicator": "de indicator, als `id` of `id:maat` (bijvoorbeeld `kern.stromen:instroom`)",
    "tabel.indicatoren": "meer indicatoren, één per rij (met `rijen: indicator`)",
    "tabel.rijen": "wat de rijen zijn: " + ", ".join(f"`{r}`" for r in RIJEN_VAST) + ", of een uitsplitsing:"
    " een dimensie zoals `perceel` of `wijk`, of een eigen indeling zoals `meldplaats`",
    "tabel.kolommen": "wat de kolommen zijn: `vergelijking` (deze periode en de vergelijkingen), `maten` of `perioden`",
    "tabel.maten": "welke maten van de indicator, in volgorde",
    "tabel.filter": "houd één waarde van een dimensie over, bijvoorbeeld `segment: care`",
    "tabel.perioden": "`periode` (de rapportageperiode), `jaar` (het jaar tot de peildatum) of `maanden`",
    "tabel.code": "de code uit het oorspronkelijke rapport (I13, K2, …), achter het onderschrift",
    "sectie.grafiek_maten": "welke maten de grafiek toont (standaard de eerste maat of het totaal)",
    "tabel.onderwerp": "hoe *Wat zien we?* het cijfer noemt, bijvoorbeeld 'het aantal meldingen'",
    "tabel.norm": "een norm om de waarde tegen af te zetten (zie *norm*)",
    "norm.waarde": "de normwaarde",
    "norm.soort": "`max` (hoogstens de norm, standaard) of `min` (minstens de norm)",
    "norm.tekst": "hoe de norm leest, bijvoorbeeld 'maximaal 28 dagen'",
    "norm.per_maat": "een norm per onderdeel in de rijen, bijvoorbeeld `{'1': 80, '2': 16, '3': 4}` voor de "
    "zwaartebanden 80-16-4; de tabel toont hem per rij en de grafiek als streep bij elke staaf",
}
