"""The held-out corpus's facts: real partner institutions and invented home universities.

Written by hand for tests/heldout (not taken from tests/corpus or from the shipped
documents). Each partner: canonical id -> (ISO country, Japanese name, English name,
name in the institution's own script where a document prints it).
"""

from __future__ import annotations

PARTNERS: dict[str, tuple[str, str | None, str | None, str | None]] = {
    "kr-snu": ("KR", "ソウル大学校", "Seoul National University", "서울대학교"),
    "kr-korea": ("KR", "高麗大学校", "Korea University", "고려대학교"),
    "kr-yonsei": ("KR", "延世大学校", "Yonsei University", "연세대학교"),
    "kr-pusan": ("KR", "釜山大学校", "Pusan National University", "부산대학교"),
    "cn-pku": ("CN", "北京大学", "Peking University", None),
    "cn-sjtu": ("CN", "上海交通大学", "Shanghai Jiao Tong University", None),
    "cn-nju": ("CN", "南京大学", "Nanjing University", None),
    "cn-whu": ("CN", "武漢大学", "Wuhan University", "武汉大学"),
    "tw-ntu": ("TW", "国立台湾大学", "National Taiwan University", "國立臺灣大學"),
    "tw-nccu": ("TW", "国立政治大学", "National Chengchi University", "國立政治大學"),
    "hk-cuhk": ("HK", "香港中文大学", "The Chinese University of Hong Kong", "香港中文大學"),
    "sg-ntu": ("SG", "南洋理工大学", "Nanyang Technological University", None),
    "sg-nus": ("SG", "シンガポール国立大学", "National University of Singapore", None),
    "th-mahidol": ("TH", "マヒドン大学", "Mahidol University", None),
    "vn-vnu": ("VN", "ベトナム国家大学ハノイ校", "Vietnam National University, Hanoi", None),
    "id-ui": ("ID", "インドネシア大学", "Universitas Indonesia", None),
    "my-um": ("MY", "マラヤ大学", "University of Malaya", None),
    "ph-upd": ("PH", "フィリピン大学ディリマン校", "University of the Philippines Diliman", None),
    "in-iitb": ("IN", "インド工科大学ボンベイ校", "Indian Institute of Technology Bombay", None),
    "mn-num": ("MN", "モンゴル国立大学", "National University of Mongolia", None),
    "us-ucla": ("US", "カリフォルニア大学ロサンゼルス校",
                "University of California, Los Angeles", None),
    "us-uw": ("US", "ワシントン大学", "University of Washington", None),
    "ca-ubc": ("CA", "ブリティッシュ・コロンビア大学", "The University of British Columbia", None),
    "ca-mcgill": ("CA", "マギル大学", "McGill University", None),
    "mx-unam": ("MX", "メキシコ国立自治大学", "Universidad Nacional Autónoma de México", None),
    "br-usp": ("BR", "サンパウロ大学", "Universidade de São Paulo", None),
    "gb-ed": ("GB", "エディンバラ大学", "The University of Edinburgh", None),
    "gb-man": ("GB", "マンチェスター大学", "The University of Manchester", None),
    "gb-soas": ("GB", "ロンドン大学東洋アフリカ研究学院", "SOAS University of London", None),
    "de-lmu": ("DE", "ミュンヘン大学", "Ludwig-Maximilians-Universität München", None),
    "de-tum": ("DE", "ミュンヘン工科大学", "Technical University of Munich", None),
    "de-hd": ("DE", "ハイデルベルク大学", "Heidelberg University", None),
    "fr-sorbonne": ("FR", "ソルボンヌ大学", "Sorbonne Université", None),
    "fr-unistra": ("FR", "ストラスブール大学", "Université de Strasbourg", None),
    "se-lund": ("SE", "ルンド大学", "Lund University", None),
    "fi-hel": ("FI", "ヘルシンキ大学", "University of Helsinki", None),
    "it-polimi": ("IT", "ミラノ工科大学", "Politecnico di Milano", None),
    "es-usal": ("ES", "サラマンカ大学", "Universidad de Salamanca", None),
    "ch-eth": ("CH", "スイス連邦工科大学チューリッヒ校", "ETH Zurich", None),
    "at-uni": ("AT", "ウィーン大学", "University of Vienna", None),
    "pl-uw": ("PL", "ワルシャワ大学", "University of Warsaw", None),
    "ru-msu": ("RU", "モスクワ大学", "Lomonosov Moscow State University", None),
    "tr-boun": ("TR", "ボアジチ大学", "Boğaziçi University", None),
    "eg-cu": ("EG", "カイロ大学", "Cairo University", None),
    "ke-uon": ("KE", "ナイロビ大学", "University of Nairobi", None),
    "au-anu": ("AU", "オーストラリア国立大学", "The Australian National University", None),
    "nz-uoa": ("NZ", "オークランド大学", "The University of Auckland", None),
    "fj-usp": ("FJ", "南太平洋大学", "The University of the South Pacific", None),
}

HOMES = {
    "asagiri": ("朝霧大学", "Asagiri University"),
    "tokiwa": ("常盤学院大学", "Tokiwa Gakuin University"),
    "wakaba": ("若葉理科大学", "Wakaba University of Science"),
    "setsurei": ("雪嶺大学", "Setsurei University"),
    "nankai": ("南海文化大学", "Nankai Bunka University"),
}
