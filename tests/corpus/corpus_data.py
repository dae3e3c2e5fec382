# ruff: noqa: E501  (data tables: one institution, country or home per line)
"""The facts the corpus generator draws on: partner institutions, countries, home universities.

Partner institutions are real and their names public knowledge; each has a canonical id
shared by every document that lists it, so identity can be measured across documents. Name
variants are spellings real lists use (旧字体, 大学校/大学, the institution's own language).
The namesakes are deliberate: two institutions printed with the same short name that a
reader must keep apart (different countries, or a campus qualifier in parentheses).

Home universities are invented: the corpus claims nothing about a real university's list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Partner:
    """A partner institution: canonical id, ISO 3166-1 alpha-2 country, name variants."""

    id: str
    country: str
    ja: tuple[str, ...]  # first is the usual form
    en: tuple[str, ...]
    weight: int = 1  # how often lists name it (frequent partners recur across documents)


P = Partner
PARTNERS: tuple[Partner, ...] = (
    P("cn-pku", "CN", ("北京大学",), ("Peking University",), 4),
    P("cn-tsinghua", "CN", ("清華大学", "清华大学"), ("Tsinghua University",), 3),
    P("cn-fudan", "CN", ("復旦大学", "复旦大学"), ("Fudan University",), 3),
    P("cn-sjtu", "CN", ("上海交通大学",), ("Shanghai Jiao Tong University",), 2),
    P("cn-zju", "CN", ("浙江大学",), ("Zhejiang University",), 2),
    P("cn-dlut", "CN", ("大連理工大学", "大连理工大学"), ("Dalian University of Technology",), 3),
    P("cn-neu", "CN", ("東北大学（瀋陽）", "東北大学(中国)"),
      ("Northeastern University (Shenyang)", "Northeastern University"), 2),
    P("kr-snu", "KR", ("ソウル大学校", "ソウル大学"), ("Seoul National University",), 4),
    P("kr-korea", "KR", ("高麗大学校", "高麗大学"), ("Korea University",), 3),
    P("kr-yonsei", "KR", ("延世大学校", "延世大学"), ("Yonsei University",), 3),
    P("kr-pusan", "KR", ("釜山大学校", "釜山大学"), ("Pusan National University",), 2),
    P("tw-ntu", "TW", ("国立台湾大学", "國立臺灣大學", "台湾大学"),
      ("National Taiwan University",), 3),
    P("tw-nthu", "TW", ("国立清華大学", "國立清華大學"), ("National Tsing Hua University",), 2),
    P("hk-hku", "HK", ("香港大学",), ("The University of Hong Kong",), 2),
    P("hk-cuhk", "HK", ("香港中文大学",), ("The Chinese University of Hong Kong",), 2),
    P("sg-nus", "SG", ("シンガポール国立大学",), ("National University of Singapore",), 3),
    P("sg-ntu", "SG", ("南洋理工大学",), ("Nanyang Technological University",), 2),
    P("th-chula", "TH", ("チュラロンコン大学",), ("Chulalongkorn University",), 3),
    P("th-mahidol", "TH", ("マヒドン大学",), ("Mahidol University",), 2),
    P("th-ku", "TH", ("カセサート大学",), ("Kasetsart University",), 2),
    P("vn-vnu", "VN", ("ベトナム国家大学ハノイ校",), ("Vietnam National University, Hanoi",), 2),
    P("vn-hust", "VN", ("ハノイ工科大学",), ("Hanoi University of Science and Technology",), 2),
    P("id-ui", "ID", ("インドネシア大学",), ("Universitas Indonesia",), 2),
    P("id-ugm", "ID", ("ガジャマダ大学",), ("Universitas Gadjah Mada",), 2),
    P("id-itb", "ID", ("バンドン工科大学",), ("Institut Teknologi Bandung",), 2),
    P("my-um", "MY", ("マラヤ大学",), ("University of Malaya", "Universiti Malaya"), 2),
    P("ph-up", "PH", ("フィリピン大学",), ("University of the Philippines",), 1),
    P("in-iitb", "IN", ("インド工科大学ボンベイ校",), ("Indian Institute of Technology Bombay",), 1),
    P("mn-num", "MN", ("モンゴル国立大学",), ("National University of Mongolia",), 2),
    P("bd-du", "BD", ("ダッカ大学",), ("University of Dhaka",), 1),
    P("np-tu", "NP", ("トリブバン大学",), ("Tribhuvan University",), 1),
    P("lk-pdn", "LK", ("ペラデニヤ大学",), ("University of Peradeniya",), 1),
    P("kh-rupp", "KH", ("カンボジア王立プノンペン大学",), ("Royal University of Phnom Penh",), 1),
    P("mm-yu", "MM", ("ヤンゴン大学",), ("University of Yangon",), 1),
    P("la-nuol", "LA", ("ラオス国立大学",), ("National University of Laos",), 1),
    P("us-uw", "US", ("ワシントン大学（シアトル）", "ワシントン大学(シアトル)"),
      ("University of Washington",), 3),
    P("us-wustl", "US", ("ワシントン大学（セントルイス）", "ワシントン大学(セントルイス)"),
      ("Washington University in St. Louis",), 2),
    P("us-ucd", "US", ("カリフォルニア大学デービス校",), ("University of California, Davis",), 2),
    P("us-neu", "US", ("ノースイースタン大学",), ("Northeastern University",), 2),
    P("us-hawaii", "US", ("ハワイ大学マノア校",), ("University of Hawaii at Manoa",), 2),
    P("us-psu", "US", ("ポートランド州立大学",), ("Portland State University",), 2),
    P("ca-ubc", "CA", ("ブリティッシュコロンビア大学", "ブリティッシュ・コロンビア大学"),
      ("The University of British Columbia",), 2),
    P("ca-uoft", "CA", ("トロント大学",), ("University of Toronto",), 2),
    P("mx-unam", "MX", ("メキシコ国立自治大学",),
      ("National Autonomous University of Mexico", "Universidad Nacional Autónoma de México"), 1),
    P("br-usp", "BR", ("サンパウロ大学",), ("University of São Paulo", "Universidade de São Paulo"), 2),
    P("ar-uba", "AR", ("ブエノスアイレス大学",), ("University of Buenos Aires",), 1),
    P("cl-uchile", "CL", ("チリ大学",), ("University of Chile", "Universidad de Chile"), 1),
    P("gb-sheffield", "GB", ("シェフィールド大学",), ("The University of Sheffield",), 2),
    P("gb-ed", "GB", ("エディンバラ大学",), ("The University of Edinburgh",), 2),
    P("gb-soas", "GB", ("ロンドン大学東洋アフリカ研究学院",), ("SOAS University of London",), 1),
    P("gb-ncl", "GB", ("ニューカッスル大学",), ("Newcastle University",), 2),
    P("fr-unistra", "FR", ("ストラスブール大学",), ("University of Strasbourg", "Université de Strasbourg"), 2),
    P("fr-ensl", "FR", ("リヨン高等師範学校",), ("École normale supérieure de Lyon",), 1),
    P("de-heidelberg", "DE", ("ハイデルベルク大学", "ハイデルベルグ大学"),
      ("Heidelberg University", "Ruprecht-Karls-Universität Heidelberg"), 3),
    P("de-tum", "DE", ("ミュンヘン工科大学",), ("Technical University of Munich", "Technische Universität München"), 2),
    P("de-fub", "DE", ("ベルリン自由大学",), ("Freie Universität Berlin",), 2),
    P("it-unibo", "IT", ("ボローニャ大学",), ("University of Bologna",), 2),
    P("it-unive", "IT", ("ヴェネツィア・カ・フォスカリ大学",), ("Ca' Foscari University of Venice",), 1),
    P("es-usal", "ES", ("サラマンカ大学",), ("University of Salamanca", "Universidad de Salamanca"), 2),
    P("nl-leiden", "NL", ("ライデン大学",), ("Leiden University",), 2),
    P("be-kuleuven", "BE", ("ルーヴェン・カトリック大学", "ルーベン・カトリック大学"), ("KU Leuven",), 2),
    P("se-uu", "SE", ("ウプサラ大学",), ("Uppsala University",), 2),
    P("se-lu", "SE", ("ルンド大学",), ("Lund University",), 1),
    P("fi-helsinki", "FI", ("ヘルシンキ大学",), ("University of Helsinki",), 2),
    P("dk-ku", "DK", ("コペンハーゲン大学",), ("University of Copenhagen",), 1),
    P("no-uio", "NO", ("オスロ大学",), ("University of Oslo",), 1),
    P("pl-uw", "PL", ("ワルシャワ大学",), ("University of Warsaw",), 2),
    P("cz-cuni", "CZ", ("カレル大学",), ("Charles University",), 2),
    P("hu-elte", "HU", ("エトヴェシュ・ロラーンド大学",), ("Eötvös Loránd University",), 1),
    P("at-univie", "AT", ("ウィーン大学",), ("University of Vienna", "Universität Wien"), 2),
    P("ch-uzh", "CH", ("チューリッヒ大学",), ("University of Zurich",), 1),
    P("ru-msu", "RU", ("モスクワ大学", "モスクワ国立大学"), ("Lomonosov Moscow State University",), 2),
    P("ru-spbu", "RU", ("サンクトペテルブルク大学",), ("Saint Petersburg State University",), 1),
    P("tr-boun", "TR", ("ボアジチ大学",), ("Boğaziçi University",), 1),
    P("eg-cu", "EG", ("カイロ大学",), ("Cairo University",), 1),
    P("ke-uon", "KE", ("ナイロビ大学",), ("University of Nairobi",), 1),
    P("za-uct", "ZA", ("ケープタウン大学",), ("University of Cape Town",), 1),
    P("au-usyd", "AU", ("シドニー大学",), ("The University of Sydney",), 3),
    P("au-monash", "AU", ("モナシュ大学",), ("Monash University",), 2),
    P("au-uq", "AU", ("クイーンズランド大学",), ("The University of Queensland",), 2),
    P("au-newcastle", "AU", ("ニューカッスル大学",), ("The University of Newcastle",), 2),
    P("nz-auckland", "NZ", ("オークランド大学",), ("The University of Auckland",), 2),
    P("nz-otago", "NZ", ("オタゴ大学",), ("University of Otago",), 1),
)  # fmt: skip

# Pairs of canonical ids printed with the same short name: they must never share an IRI.
NAMESAKES: tuple[tuple[str, str], ...] = (
    ("cn-neu", "us-neu"),
    ("us-uw", "us-wustl"),
    ("gb-ncl", "au-newcastle"),
    ("cn-tsinghua", "tw-nthu"),
)

# code: (ja short, ja official long, en short, en long / alternative, abbreviation)
COUNTRIES: dict[str, tuple[str, str, str, str, str]] = {
    "CN": ("中国", "中華人民共和国", "China", "People's Republic of China", "PRC"),
    "KR": ("韓国", "大韓民国", "Korea", "Republic of Korea", "ROK"),
    "TW": ("台湾", "台湾", "Taiwan", "Taiwan", "Taiwan"),
    "HK": ("香港", "中華人民共和国香港特別行政区", "Hong Kong", "Hong Kong SAR, China", "HK"),
    "SG": ("シンガポール", "シンガポール共和国", "Singapore", "Republic of Singapore", "Singapore"),
    "TH": ("タイ", "タイ王国", "Thailand", "Kingdom of Thailand", "Thailand"),
    "VN": ("ベトナム", "ベトナム社会主義共和国", "Viet Nam", "Socialist Republic of Viet Nam", "Vietnam"),
    "ID": ("インドネシア", "インドネシア共和国", "Indonesia", "Republic of Indonesia", "Indonesia"),
    "MY": ("マレーシア", "マレーシア", "Malaysia", "Malaysia", "Malaysia"),
    "PH": ("フィリピン", "フィリピン共和国", "Philippines", "Republic of the Philippines", "Philippines"),
    "IN": ("インド", "インド", "India", "Republic of India", "India"),
    "MN": ("モンゴル", "モンゴル国", "Mongolia", "Mongolia", "Mongolia"),
    "BD": ("バングラデシュ", "バングラデシュ人民共和国", "Bangladesh", "People's Republic of Bangladesh", "Bangladesh"),
    "NP": ("ネパール", "ネパール連邦民主共和国", "Nepal", "Federal Democratic Republic of Nepal", "Nepal"),
    "LK": ("スリランカ", "スリランカ民主社会主義共和国", "Sri Lanka", "Democratic Socialist Republic of Sri Lanka", "Sri Lanka"),
    "KH": ("カンボジア", "カンボジア王国", "Cambodia", "Kingdom of Cambodia", "Cambodia"),
    "MM": ("ミャンマー", "ミャンマー連邦共和国", "Myanmar", "Republic of the Union of Myanmar", "Myanmar"),
    "LA": ("ラオス", "ラオス人民民主共和国", "Laos", "Lao People's Democratic Republic", "Lao PDR"),
    "US": ("アメリカ", "アメリカ合衆国", "USA", "United States of America", "U.S.A."),
    "CA": ("カナダ", "カナダ", "Canada", "Canada", "Canada"),
    "MX": ("メキシコ", "メキシコ合衆国", "Mexico", "United Mexican States", "Mexico"),
    "BR": ("ブラジル", "ブラジル連邦共和国", "Brazil", "Federative Republic of Brazil", "Brazil"),
    "AR": ("アルゼンチン", "アルゼンチン共和国", "Argentina", "Argentine Republic", "Argentina"),
    "CL": ("チリ", "チリ共和国", "Chile", "Republic of Chile", "Chile"),
    "GB": ("英国", "グレートブリテン及び北アイルランド連合王国", "UK", "United Kingdom", "U.K."),
    "FR": ("フランス", "フランス共和国", "France", "French Republic", "France"),
    "DE": ("ドイツ", "ドイツ連邦共和国", "Germany", "Federal Republic of Germany", "Germany"),
    "IT": ("イタリア", "イタリア共和国", "Italy", "Italian Republic", "Italy"),
    "ES": ("スペイン", "スペイン王国", "Spain", "Kingdom of Spain", "Spain"),
    "NL": ("オランダ", "オランダ王国", "Netherlands", "Kingdom of the Netherlands", "The Netherlands"),
    "BE": ("ベルギー", "ベルギー王国", "Belgium", "Kingdom of Belgium", "Belgium"),
    "SE": ("スウェーデン", "スウェーデン王国", "Sweden", "Kingdom of Sweden", "Sweden"),
    "FI": ("フィンランド", "フィンランド共和国", "Finland", "Republic of Finland", "Finland"),
    "DK": ("デンマーク", "デンマーク王国", "Denmark", "Kingdom of Denmark", "Denmark"),
    "NO": ("ノルウェー", "ノルウェー王国", "Norway", "Kingdom of Norway", "Norway"),
    "PL": ("ポーランド", "ポーランド共和国", "Poland", "Republic of Poland", "Poland"),
    "CZ": ("チェコ", "チェコ共和国", "Czech Republic", "Czechia", "Czechia"),
    "HU": ("ハンガリー", "ハンガリー", "Hungary", "Hungary", "Hungary"),
    "AT": ("オーストリア", "オーストリア共和国", "Austria", "Republic of Austria", "Austria"),
    "CH": ("スイス", "スイス連邦", "Switzerland", "Swiss Confederation", "Switzerland"),
    "RU": ("ロシア", "ロシア連邦", "Russia", "Russian Federation", "Russia"),
    "TR": ("トルコ", "トルコ共和国", "Turkey", "Republic of Türkiye", "Türkiye"),
    "EG": ("エジプト", "エジプト・アラブ共和国", "Egypt", "Arab Republic of Egypt", "Egypt"),
    "KE": ("ケニア", "ケニア共和国", "Kenya", "Republic of Kenya", "Kenya"),
    "ZA": ("南アフリカ", "南アフリカ共和国", "South Africa", "Republic of South Africa", "RSA"),
    "AU": ("オーストラリア", "オーストラリア連邦", "Australia", "Commonwealth of Australia", "Australia"),
    "NZ": ("ニュージーランド", "ニュージーランド", "New Zealand", "New Zealand", "NZ"),
}  # fmt: skip

# Region headings some lists print above the country headings.
REGIONS: dict[str, tuple[str, str]] = {
    "asia": ("アジア", "Asia"),
    "europe": ("ヨーロッパ", "Europe"),
    "namerica": ("北米", "North America"),
    "latam": ("中南米", "Latin America"),
    "oceania": ("オセアニア", "Oceania"),
    "africa": ("アフリカ", "Africa"),
    "mideast": ("中東", "Middle East"),
}
REGION_OF: dict[str, str] = {
    **dict.fromkeys("CN KR TW HK SG TH VN ID MY PH IN MN BD NP LK KH MM LA".split(), "asia"),
    **dict.fromkeys("US CA".split(), "namerica"),
    **dict.fromkeys("MX BR AR CL".split(), "latam"),
    **dict.fromkeys("GB FR DE IT ES NL BE SE FI DK NO PL CZ HU AT CH RU".split(), "europe"),
    **dict.fromkeys("TR EG".split(), "mideast"),
    **dict.fromkeys("KE ZA".split(), "africa"),
    **dict.fromkeys("AU NZ".split(), "oceania"),
}
REGION_ORDER = ("asia", "oceania", "namerica", "latam", "europe", "mideast", "africa")


@dataclass(frozen=True)
class Home:
    """An invented Japanese home university and its units (学部, 研究科, 学群 …)."""

    key: str
    ja: str
    en: str
    units: tuple[tuple[str, str], ...]


HOMES: tuple[Home, ...] = (
    Home("hokushin", "北辰大学", "Hokushin University", (
        ("文学部", "Faculty of Letters"), ("理学研究科", "Graduate School of Science"),
        ("工学部", "Faculty of Engineering"), ("地球環境研究所", "Research Institute for Global Environment"),
    )),
    Home("setouchi", "瀬戸内国際大学", "Setouchi International University", (
        ("国際教養学部", "Faculty of International Liberal Arts"),
        ("人間環境学府", "Graduate School of Human-Environment Studies"),
        ("国際交流センター", "International Exchange Center"),
    )),
    Home("toto", "東都工業大学", "Toto Institute of Technology", (
        ("理工学域", "College of Science and Engineering"), ("情報学環", "Interfaculty Initiative in Information Studies"),
        ("工学研究科", "Graduate School of Engineering"),
    )),
    Home("shinano", "信濃教育大学", "Shinano University of Education", (
        ("人間文化学群", "College of Human Culture"), ("総合科学類", "School of Integrated Sciences"),
        ("教育学研究科", "Graduate School of Education"),
    )),
    Home("kii", "紀伊大学", "Kii University", (
        ("農学部", "Faculty of Agriculture"), ("海洋資源研究センター", "Center for Marine Resources"),
        ("経済学部", "Faculty of Economics"),
    )),
    Home("ou", "奥羽医科大学", "Ou Medical University", (
        ("医学系研究科", "Graduate School of Medicine"), ("保健学類", "School of Health Sciences"),
    )),
    Home("shirasagi", "白鷺女子大学", "Shirasagi Women's University", (
        ("文芸学部", "Faculty of Literature"), ("生活科学研究科", "Graduate School of Human Life Science"),
    )),
    Home("naniwa", "浪速外国語大学", "Naniwa University of Foreign Studies", (
        ("外国語学部", "Faculty of Foreign Studies"), ("言語文化研究科", "Graduate School of Language and Culture"),
        ("日本語教育センター", "Center for Japanese Language Education"),
    )),
)  # fmt: skip

# Units of partner institutions, for department-level rows.
PARTNER_UNITS: tuple[tuple[str, str], ...] = (
    ("工学院", "School of Engineering"), ("文学部", "Faculty of Arts"),
    ("理学部", "Faculty of Science"), ("医学部", "Faculty of Medicine"),
    ("経済学院", "School of Economics"), ("法学部", "Faculty of Law"),
    ("人文学部", "Faculty of Humanities"), ("農学部", "Faculty of Agriculture"),
    ("教育学部", "Faculty of Education"), ("情報科学研究科", "Graduate School of Information Science"),
    ("国際関係学院", "School of International Studies"),
    ("環境科学研究所", "Institute of Environmental Sciences"),
)  # fmt: skip

PARTNER_BY_ID: dict[str, Partner] = {p.id: p for p in PARTNERS}
