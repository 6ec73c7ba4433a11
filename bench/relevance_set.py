"""A Swedish relevance set over the demo corpus (fixtures/data): what a visitor types, and the
pages that should come first (any of them in the top three counts as a hit).

Pages are named by their Swedish URL, which the demo keeps stable across loads; word forms
differ from the pages' on purpose (plural, definite, compounds, no diacritics). The last three
groups are what people type: compounds that no page holds, folded words in another inflection
than the page's, and misspellings that find nothing as typed (their correction's hits count).
"""

R = "/resurser/"
E = "/evenemang/"
N = "/nyheter/"

QUERIES: list[tuple[str, list[str]]] = [
    (
        "social innovation",
        [R + "kom-igang-med-social-innovation/", E + "frukostseminarium-vad-ar-social-innovation/"],
    ),
    ("vad är social innovation", [E + "frukostseminarium-vad-ar-social-innovation/"]),
    ("starta socialt företag", [R + "starta-ett-socialt-foretag/", E + "starta-kooperativ/"]),
    ("sociala företagen", [R + "starta-ett-socialt-foretag/", R + "mall-budget-socialt-foretag/"]),
    ("kooperativ", [E + "starta-kooperativ/"]),
    ("finansiering förening", [R + "finansiering-for-ideburna-organisationer/"]),
    ("pengar till stiftelse", [R + "finansiering-for-ideburna-organisationer/"]),
    (
        "idéburet offentligt partnerskap",
        [R + "ideburet-offentligt-partnerskap/", R + "film-sa-fungerar-iop/"],
    ),
    ("IOP", [R + "ideburet-offentligt-partnerskap/", R + "film-sa-fungerar-iop/"]),
    ("mäta social effekt", [R + "mat-den-sociala-effekten/"]),
    ("effekter", [R + "mat-den-sociala-effekten/", R + "mall-forandringsteori/"]),
    ("förändringsteori", [R + "mall-forandringsteori/"]),
    ("tjänstedesign", [R + "tjanstedesign-i-vard-och-omsorg/"]),
    ("vården", [R + "tjanstedesign-i-vard-och-omsorg/", E + "fran-ide-till-pilot-i-vard-och-omsorg/"]),
    ("pilot", [R + "mall-projektplan/", E + "fran-ide-till-pilot-i-vard-och-omsorg/"]),
    ("projektplan", [R + "mall-projektplan/"]),
    ("budget", [R + "mall-budget-socialt-foretag/"]),
    ("samverkansavtal", [R + "mall-samverkansavtal/"]),
    ("avtal mellan förening och kommun", [R + "mall-samverkansavtal/"]),
    ("jämställdhet", [N + "jamstalldhet-i-fokus/", R + "verktyg-for-jamstalldhetsanalys/"]),
    ("jamstalldhet", [N + "jamstalldhet-i-fokus/", R + "verktyg-for-jamstalldhetsanalys/"]),
    ("kvinnor och män", [R + "verktyg-for-jamstalldhetsanalys/", E + "jamstalld-service-i-kommunen/"]),
    ("nyanländ", [R + "mentorskap-for-nyanlanda-entreprenorer/", R + "film-nyanlanda-som-foretagare/"]),
    ("mentor", [R + "mentorskap-for-nyanlanda-entreprenorer/"]),
    ("arbetsgivare", [E + "matchning-nyanlanda-och-arbetsgivare/"]),
    ("unga utanför arbetsmarknaden", [R + "unga-utanfor-arbetsmarknaden/"]),
    ("ungdomsarbetslöshet", [R + "unga-utanfor-arbetsmarknaden/", E + "ideverkstad-for-unga-entreprenorer/"]),
    ("unga entreprenörer", [E + "ideverkstad-for-unga-entreprenorer/"]),
    (
        "idéverkstad",
        [
            R + "ideverkstaden-metodstod/",
            E + "ideverkstad-for-unga-entreprenorer/",
            N + "ideverkstader-pa-turne/",
        ],
    ),
    ("workshop", [R + "ideverkstaden-metodstod/", E + "fran-ide-till-pilot-i-vard-och-omsorg/"]),
    ("skolan", [R + "skolan-och-civilsamhallet/", E + "skolan-som-innovationsarena/"]),
    ("elever", [R + "skolan-och-civilsamhallet/", E + "skolan-som-innovationsarena/"]),
    ("landsbygd", [R + "landsbygdens-idekraft-osterlen/", E + "landsbygdens-nya-foretagare/"]),
    ("byalag", [R + "landsbygdens-idekraft-osterlen/", E + "landsbygdens-nya-foretagare/"]),
    ("Österlen", [R + "landsbygdens-idekraft-osterlen/"]),
    ("upphandling", [E + "innovationsupphandling-for-social-nytta/"]),
    ("pitch", [E + "pitchkvall-sociala-innovationer/"]),
    ("sommarskola", [E + "sommarskola-i-social-innovation/"]),
    ("anmäla idé", [N + "nu-kan-du-anmala-din-ide/"]),
    ("uppstartsträff malmö", [N + "uppstartstraff-i-malmo/"]),
    ("kartläggning", [R + "social-innovation-i-skane-kartlaggning/"]),
    ("Europa", [R + "social-innovation-in-europe/"]),
    ("film entreprenörer", [R + "film-tre-sociala-entreprenorer/"]),
    ("från idé till marknad", [R + "film-fran-ide-till-marknad/"]),
    # Compounds that no page holds, made of words that pages do hold.
    ("kooperativstart", [E + "starta-kooperativ/"]),
    ("budgetföretag", [R + "mall-budget-socialt-foretag/"]),
    ("pilotprojektplan", [R + "mall-projektplan/"]),
    ("landsbygdsföretagare", [E + "landsbygdens-nya-foretagare/"]),
    ("mentorskapsprogram", [R + "mentorskap-for-nyanlanda-entreprenorer/"]),
    ("skolföreningar", [R + "skolan-och-civilsamhallet/", E + "skolan-som-innovationsarena/"]),
    # Typed without å, ä and ö, in another inflection than the page's.
    ("foretagens", [R + "starta-ett-socialt-foretag/"]),
    ("foreningarnas finansiering", [R + "finansiering-for-ideburna-organisationer/"]),
    ("jamstallda tjanster", [E + "jamstalld-service-i-kommunen/"]),
    (
        "nyanlandas foretag",
        [R + "film-nyanlanda-som-foretagare/", R + "mentorskap-for-nyanlanda-entreprenorer/"],
    ),
    ("verktygsladan", [R + "tjanstedesign-i-vard-och-omsorg/"]),
    ("natverket", [E + "natverkstraff-ideburna-organisationer-nordost/"]),
    ("forandringsteorin", [R + "mall-forandringsteori/"]),
    ("natverk ideburna", [E + "natverkstraff-ideburna-organisationer-nordost/"]),
    ("anstallda nyanlanda", [E + "matchning-nyanlanda-och-arbetsgivare/"]),
    ("jamstallt", [E + "jamstalld-service-i-kommunen/"]),
    # Misspelt: nothing as typed, the correction's hits shown.
    ("samverknasavtal", [R + "mall-samverkansavtal/"]),
    ("kooperatv", [E + "starta-kooperativ/"]),
    ("förändringsterori", [R + "mall-forandringsteori/"]),
    ("upphandlnig", [E + "innovationsupphandling-for-social-nytta/"]),
    ("projektpaln", [R + "mall-projektplan/"]),
    ("kartlägning", [R + "social-innovation-i-skane-kartlaggning/"]),
    ("mentorsakp", [R + "mentorskap-for-nyanlanda-entreprenorer/"]),
]
