"""Small Jekyll homepages in the shapes of academicpages, AcadHomepage and al-folio, written by
the tests (never copied from shared data): bilingual pages, includes, duplicate BibTeX keys,
ambiguous and two-digit dates, raw HTML, scripts and badges."""

from __future__ import annotations

from pathlib import Path

from conftest import PNG, write_project

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

ACADHOMEPAGE: dict[str, str | bytes] = {
    "_config.yml": """\
        title: "Jane Q. Doe"
        repository: "janedoe/janedoe.github.io"
        google_scholar_stats_use_cdn: true
        author:
          name: "Jane Q. Doe"
          avatar: "images/me.png"
          bio: "PhD student, Example University"
          location: "Beijing, China"
          email: "jane@example.org"
          googlescholar: "https://scholar.google.com/citations?user=ABCDEFG"
          github: "janedoe"
          orcid:
        """,
    "_data/navigation.yml": """\
        main:
          - title: "News"
            url: "/#-news"
        """,
    "images/me.png": PNG,
    "images/sparse.png": PNG,
    "files/cv.pdf": PDF,
    "_pages/about.md": """\
        ---
        permalink: /
        title: ""
        author_profile: true
        ---

        {% if site.google_scholar_stats_use_cdn %}
        {% assign gsDataBaseUrl = "https://cdn.jsdelivr.net/gh/" | append: site.repository %}
        {% endif %}

        <span class='anchor' id='about-me'></span>

        I am a PhD student working on *efficient vision*. <a href='https://scholar.google.com/citations?user=ABCDEFG'>citations <strong><span id='total_cit'>100+</span></strong></a>
        <img src="https://img.shields.io/badge/license-MIT-blue"> <a href="https://github.com/janedoe/sparse"><img src="https://img.shields.io/github/stars/janedoe/sparse?style=social"></a>
        <!-- a note to myself -->
        My CV is [here](files/cv.pdf) :smile: and a role-like text {raw}`<b>bold</b>` stays text.

        % this line is not a MyST comment

        {% include_relative includes/news.md %}

        # 📝 Publications

        <div class='paper-box'><div class='paper-box-image'><div><div class="badge">CVPR 2024</div><img src='images/sparse.png' alt="sparse" width="100%"></div></div>
        <div class='paper-box-text' markdown="1">

        [Sparse Experts for Tiny Models](https://arxiv.org/abs/2405.01234)

        **Jane Q. Doe**, Wei Zhang, Maria Rossi

        [**Project**](https://janedoe.github.io/sparse) | [**Code**](https://github.com/janedoe/sparse) <strong><span class='show_paper_citations' data='ABCDEFG:xyz'></span></strong>
        - Halves latency at equal accuracy.
        </div>
        </div>

        - [Dense Baselines Revisited](https://arxiv.org/abs/2301.00001), Maria Rossi, **Jane Q. Doe**, **ICCV 2023**
        - [Token Pruning](https://example.org/pruning), Jane Q. Doe, Wei Zhang, **NeurIPS 2022**

        # 🎖 Honors and Awards
        - *03/04/2021* Best Paper Award.
        - *13/05/2020* Example Scholarship.

        # 📖 Educations
        - *2019.06 - 2022.04 (now)*, Ph.D., Example University.
        - *09/2015 - 06/2019*, B.S., Example University.

        # 💬 Invited Talks
        - *May-18*, Talk at the Example Workshop \\| [\\[video\\]](https://example.org/video)

        # Visitors
        <script type="text/javascript" id="clustrmaps" src="//clustrmaps.com/map_v2.js?d=abc"></script>
        <img src="images/missing.png">
        """,
    "_pages/includes/news.md": """\
        # 🔥 News
        - *2022.02*: &nbsp;🎉 Our paper is accepted to **CVPR**!
        - *2023.1.5*: An unpadded date.
        - *2021.11*: Out of order on purpose.
        - *2024.06.30*: The newest item.
        """,
    "_pages/about-zh.md": """\
        ---
        permalink: /zh/
        title: "中文主页"
        ---

        我是一名博士生。

        # 🔥 新闻
        - *2022.02*: 论文被 **CVPR** 接收！
        - *2024.06.30*: 最新消息。

        # 📝 论文

        - [Sparse Experts for Tiny Models](https://arxiv.org/abs/2405.01234), **Jane Q. Doe**, Wei Zhang, **CVPR 2024**
        - [稀疏专家综述](https://example.org/zh-survey), **Jane Q. Doe**, 张伟, **中文期刊 2023**
        """,
}

ACADEMICPAGES: dict[str, str | bytes] = {
    "_config.yml": """\
        locale: "en-US"
        title: "Jane Q. Doe"
        name: "Jane Q. Doe"
        url: https://janedoe.github.io
        baseurl: ""
        repository: "janedoe/janedoe.github.io"
        author:
          avatar: "profile.png"
          name: "Jane Q. Doe"
          bio: "PhD candidate"
          employer: "Example University"
          location: "Earth"
          email: "jane@example.org"
          googlescholar: "https://scholar.google.com/citations?user=ABCDEFG"
          orcid: "https://orcid.org/0000-0002-1825-0097"
          github: "janedoe"
          twitter: "janedoe"
        collections:
          publications:
            output: true
        """,
    "images/profile.png": PNG,
    "files/paper1.pdf": PDF,
    "_data/navigation.yml": """\
        main:
          - title: "CV"
            url: /cv/
          - title: "Publications"
            url: /publications/
          - title: "Talks"
            url: /talks/
          - title: "Teaching"
            url: /teaching/
          - title: "Blog Posts"
            url: /year-archive/
        """,
    "_pages/about.md": """\
        ---
        permalink: /
        title: "About me"
        ---

        Hello! I work on *vision*. See my [publications](/publications/) and my [CV](/cv/).

        Headings jump
        ======

        ### A third-level heading right after a first-level one

        <p>A raw <b>HTML</b> paragraph with a <a href="javascript:alert(1)">bad link</a>.</p>
        <iframe src="https://www.youtube.com/embed/xyz"></iframe>
        """,
    "_pages/cv.md": """\
        ---
        layout: archive
        title: "CV"
        permalink: /cv/
        ---

        {% include base_path %}

        Education
        ======
        * Ph.D, Example University, 2024 (expected)

        Publications
        ======
          <ul>{% for post in site.publications reversed %}
            {% include archive-single-cv.html %}
          {% endfor %}</ul>

        Talks
        ======
          <ul>{% for post in site.talks reversed %}
            {% include archive-single-talk-cv.html %}
          {% endfor %}</ul>
        """,
    "_publications/2024-05-01-sparse.md": """\
        ---
        title: "Sparse Experts"
        collection: publications
        category: conferences
        permalink: /publication/2024-05-01-sparse
        excerpt: 'Routing tokens to tiny experts.'
        date: 2024-05-01
        venue: 'CVPR'
        paperurl: 'http://janedoe.github.io/files/paper1.pdf'
        citation: 'Doe, Jane Q., Zhang, Wei. (2024). &quot;Sparse Experts.&quot; <i>CVPR</i>.'
        ---
        The page of the paper.
        """,
    "_publications/2024-06-01-sparse-two.md": """\
        ---
        title: "Sparse Everything"
        collection: publications
        category: manuscripts
        date: 2024-06-01
        venue: 'Journal of Examples'
        citation: 'Doe, Jane Q., Rossi, Maria. (2024). &quot;Sparse Everything.&quot; <i>JoE</i>.'
        ---
        """,
    "_publications/2019-01-01-old.md": """\
        ---
        title: "An Old Paper with 100% of the *stars* & {braces}"
        collection: publications
        date: 2019
        venue: 'Workshop on Things'
        ---
        """,
    "markdown_generator/publications.tsv": (
        "pub_date\ttitle\tvenue\texcerpt\tcitation\turl_slug\tpaper_url\n"
        "2024-05-01\tSparse Experts\tCVPR\tdup\tx\tsparse\t\n"
        "2018-03-01\tOnly in the Spreadsheet\tArXiv\tAn excerpt.\tx\tsheet\thttp://example.org/sheet.pdf\n"
    ),
    "_talks/2023-11-09-talk.md": """\
        ---
        title: "Efficient Vision Transformers"
        collection: talks
        type: "Invited talk"
        venue: "Example Vision Workshop"
        date: 2023-11-09
        location: "Example City"
        talk_url: "https://example.org/talk"
        ---
        Slides are online.
        """,
    "_talks/2022-06-01-talk.md": """\
        ---
        title: "Sparse Experts"
        collection: talks
        type: "Conference talk"
        venue: "CVPR"
        date: 2022-06-01
        location: "New Orleans"
        ---
        """,
    "_teaching/2023-fall.md": """\
        ---
        title: "Computer Vision (TA)"
        collection: teaching
        type: "Undergraduate course"
        venue: "Example University"
        date: 2023-09-01
        location: "Example City"
        ---
        Tutorials every week.

        Heading inside
        ======
        """,
    "_posts/2020-01-01-hello.md": """\
        ---
        title: "Hello"
        date: 2020-01-01
        ---
        First post.
        """,
}

ALFOLIO_BIB = """\
---
---

@string{aps = {American Physical Society,}}

@inproceedings{doe2024sparse,
  abbr      = {CVPR},
  selected  = {true},
  title     = {Sparse Experts for Tiny Vision Models},
  author    = {Doe*, Jane Q. and Zhang*, Wei},
  booktitle = {CVPR},
  year      = {2024},
  pdf       = {sparse.pdf},
  preview   = {sparse.png},
  selected1 = {x},
  selected1 = {y},
}

@article{doe2024sparse,
  title     = {A Different Paper Under the Same Key},
  author    = {Doe, Jane Q.},
  journal   = {Journal of Examples},
  publisher = aps,
  year      = {2024},
}

@article{doe2023dense,
  title     = {Dense Baselines},
  author    = {Rossi, Maria and Doe, J. Q.},
  journal   = {Journal of Examples},
  year      = {2023},
  pdf       = {missing.pdf},
}

@article{doe2023dense,
  title     = {Dense  Baselines},
  author    = {Rossi, Maria and Doe, J. Q.},
  journal   = {Journal of Examples},
  year      = {2023},
}
"""

ALFOLIO: dict[str, str | bytes] = {
    "_config.yml": """\
        title: blank
        first_name: Jane
        middle_name: Q.
        last_name: Doe
        lang: en
        url: https://janedoe.github.io
        baseurl:
        scholar:
          last_name: [Doe]
          first_name: [Jane, J.]
          bibliography: papers.bib
        plugins:
          - jekyll/scholar
        """,
    "_data/socials.yml": """\
        email: jane@example.org
        scholar_userid: ABCDEFG
        github_username: janedoe
        # orcid_id: 0000-0002-1825-0097
        inspirehep_id: 1010907
        rss_icon: true
        """,
    "_data/coauthors.yml": """\
        "rossi":
          - firstname: ["Maria", "M."]
            url: https://example.org/rossi
        """,
    "_data/cv.yml": """\
        - title: General Information
          type: map
          contents:
            - name: Full Name
              value: Jane Q. Doe
        - title: Education
          type: time_table
          contents:
            - title: PhD
              institution: Example University
              year: 2021 - now
              description:
                - Advisor: Prof. Maria Rossi
            - title: B.S.
              institution: Example University
              year: 2017-2021
        """,
    "_bibliography/papers.bib": ALFOLIO_BIB,
    "assets/pdf/sparse.pdf": PDF,
    "assets/img/publication_preview/sparse.png": PNG,
    "assets/img/prof_pic.jpg": PNG,
    "_pages/about.md": """\
        ---
        layout: about
        title: about
        permalink: /
        subtitle: <a href='#'>Example University</a>. PhD student.
        profile:
          align: right
          image: prof_pic.jpg
          more_info: >
            <p>Room 101</p>
            <p>Example City</p>
        news: true
        selected_papers: true
        social: true
        announcements:
          enabled: true
          limit: 3
        ---

        I work on efficient vision. My [publications](/publications/) are listed by year.
        """,
    "_pages/publications.md": """\
        ---
        layout: page
        permalink: /publications/
        title: publications
        nav: true
        nav_order: 1
        ---
        {% include bib_search.liquid %}
        <div class="publications">
        {% bibliography %}
        </div>
        """,
    "_pages/cv.md": """\
        ---
        layout: cv
        permalink: /cv/
        title: cv
        nav: true
        nav_order: 3
        cv_pdf: cv.pdf
        ---
        """,
    "_pages/teaching.md": """\
        ---
        layout: page
        permalink: /teaching/
        title: teaching
        nav: true
        nav_order: 2
        ---
        I teach *Computer Vision*. ![repo stars](https://img.shields.io/github/stars/janedoe/sparse)
        """,
    "_news/announcement_1.md": """\
        ---
        layout: post
        date: 2015-10-22 23:59:00-0400
        inline: true
        ---
        A late-evening announcement. :sparkles:
        """,
    "_news/announcement_2.md": """\
        ---
        layout: post
        title: A long announcement
        date: 2016-01-15 07:59:00-0400
        inline: false
        ---
        Details here.

        <ul><li>one</li><li>two</li></ul>
        """,
    "_news/announcement_3.md": """\
        ---
        layout: post
        date: 2014-03-02
        inline: true
        ---
        The oldest item, written last.
        """,
}


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    # write_project adds a conf.py when there is none: a Jekyll site has none.
    write_project(root, {"conf.py": "", **files})
    (root / "conf.py").unlink()
    return root

# AcadHomepage as its newer versions assemble it: about.md is only includes.
ACADHOMEPAGE_INCLUDES: dict[str, str | bytes] = {
    "_config.yml": """\
        title: "Wei Zhang's Homepage"
        author:
          name: "Wei Zhang (张伟)"
          avatar: "images/photo.png"
          googlescholar: "https://scholar.google.com/citations?user=QWERTY&hl=en"
          github: "https://github.com/weizhang"
        google_scholar_stats_use_cdn: false
        """,
    "images/photo.png": PNG,
    "images/fastx.png": PNG,
    "_pages/about.md": """\
        ---
        permalink: /
        title: ""
        ---

        {% include_relative includes/intro.md %}

        {% include_relative includes/news.md %}

        {% include_relative includes/pub.md %}

        {% include_relative includes/others.md %}

        {% include_relative includes/gone.md %}
        """,
    "_pages/includes/intro.md": """\
        I am a PhD student at [Example University](https://example.edu).

        <table><tr><th>Year</th><th>Role</th></tr><tr><td>2023</td><td>Intern</td></tr></table>
        """,
    "_pages/includes/news.md": """\
        # 🔥 News
        <div style="height: 150px; overflow: auto;">

        - *2024.05*: &nbsp;🎉🎉 Two papers accepted by **ICML 2024**!
        - *2023.10*: I started at <a href="https://example.com">Example Corp</a>.

        </div>
        """,
    "_pages/includes/pub.md": """\
        # 📝 Publications
        ## 🎙 Speech Synthesis

        <div class='paper-box'><div class='paper-box-image'><div><div class="badge">ICML 2024</div><img src='images/fastx.png' alt="sym" width="100%"></div></div>
        <div class='paper-box-text' markdown="1">

        [FastX: Fast Speech Synthesis](https://arxiv.org/abs/2401.00001) \\\\
        **Wei Zhang**<sup>*</sup>, Li Na<sup>*</sup>, Jane Doe<sup>&dagger;</sup>

        [**Project**](https://fastx.github.io) <a href="https://github.com/weizhang/fastx"><img src="https://img.shields.io/github/stars/weizhang/fastx?style=social"></a>
        - FastX is fast.
        </div>
        </div>

        - `ICLR 2024` [SlowY: Careful Synthesis](https://openreview.net/forum?id=abc), **Wei Zhang**, Bob Lee

        ## 🧑‍🎨 Generative Models
        - [GenA: Generation](https://example.org/gena), **W. Zhang**, Bob Lee, **NeurIPS 2022**
        """,
    "_pages/includes/others.md": """\
        # 📖 Educations
        - *2020.09 - now*, PhD, Example University.

        <a href="https://clustrmaps.com/site/xyz"><img src="//clustrmaps.com/map_v2.png?d=abc"></a>
        """,
}
