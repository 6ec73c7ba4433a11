"""A Swedish relevance set over the demo corpus (fixtures/data): what a visitor types, and the
pages that should come first (any of them in the top three counts as a hit).

Pages are named by their Swedish URL, which the demo keeps stable across loads; word forms
differ from the pages' on purpose (plural, definite, compounds, no diacritics).
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
    ("kvinnor och män", [R + "verktyg-for-jamstalldhetsanalys/", E + "jamstald-service-i-kommunen/"]),
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
]
