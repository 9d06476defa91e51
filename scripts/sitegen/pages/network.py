"""network-analysis/index.md: social network analysis as the report uses it (Case study 10, §5.4).

Concepts, the six networks, the three connector roles, social capital, density, the process, the
experiment's messages, and the way into the connectors calculator. Built from
content/network-analysis.yaml.
"""

from __future__ import annotations

from sitegen.markdown import cite, escape, relative
from sitegen.pages.model import case_link, cited, cited_section, inline_source, note_block, reference_link
from sitegen.render import list_section, page_start, pages_for
from sitegen.urls import Urls

PAGE = "network-analysis/index.md"
CALCULATOR = "calculators/connectors.md"


def build(content: dict) -> dict[str, str]:
    return pages_for(content, [("network-analysis", PAGE, _page)])


def _page(content: dict, urls: Urls) -> str:
    sna = content["network-analysis"]
    page = PAGE
    out = page_start(
        "Social network analysis",
        "How social network analysis maps the relationships behind local innovation: six networks, hubs, gatekeepers and pulsetakers.",
        "network-analysis.yaml",
        search_terms=("hubs", "gatekeepers", "pulsetakers"),  # it defines the roles: first for their plurals
    )
    out.append(f"[Map your connectors]({relative(page, CALCULATOR)}){{ .md-button .md-button--primary }}\n")

    basics = sna.get("sna", {})
    if basics:
        out.append("## What it is { #what-it-is }\n")
        for key in ("definition", "why_it_matters", "background", "method_owner"):
            if basics.get(key):
                out.append(_block(content, urls, basics[key]))

    if sna.get("networks_and_hierarchies"):
        out.append("## Networks and hierarchies { #networks-and-hierarchies }\n")
        for block in sna["networks_and_hierarchies"]:
            out.append(_block(content, urls, block))

    networks = sna.get("networks", [])
    if networks:
        out.append("## The networks surveyed { #the-networks }\n")
        count = sna.get("network_count_note")
        if count:
            out.append('!!! warning "Seven networks, or six?"\n')
            out.append(f"    {escape(count['text'])}\n")
            out.append(f"    {cite(count['source'])}\n")
        for network in networks:
            out.append(f"### {escape(network['name'])} {{ #{network['id']} }}\n")
            out.append(f"**Survey question:** *{escape(network['survey_question'])}*\n")
            out.append(cited(network["what_it_shows"], network["source"], page, network.get("note")))
        if sna.get("networks_alignment"):
            out.append("### How the networks line up { #networks-alignment }\n")
            out.append(_block(content, urls, sna["networks_alignment"]))

    roles = sna.get("connector_roles", [])
    if roles:
        out.append("## Connector roles { #connector-roles }\n")
        for role in roles:
            out.append(f"### {escape(role['name'])} {{ #{role['id']} }}\n")
            out.append(f"**In short:** {escape(role['in_short'])}\n")
            out.append(escape(role["definition"]) + "\n")
            if role.get("map_colour"):
                out.append(f"On the report's network maps this role is coloured {escape(role['map_colour'])}.\n")
            out.append(cite(role["source"]) + "\n")
            if role.get("note"):
                out.append(note_block(role["note"]))

    key = sna.get("key_connectors")
    if key:
        share = key.get("top_share_percent")
        heading = f"The top {share} % are the key connectors" if share is not None else "Key connectors"
        out.append(cited_section(f"{heading} {{ #key-connectors }}", key, page))
        out.append(
            f"The [connectors calculator]({relative(page, CALCULATOR)}) finds hubs, gatekeepers and pulsetakers in "
            "your own survey data, in your browser. Its measures are this project's own choice, because the "
            "report's method is not published.\n"
        )

    capital = sna.get("social_capital")
    if capital:
        out.append(cited_section("Social capital { #social-capital }", capital, page))
        categories = capital.get("categories", [])
        if categories:
            out.append("| Category | Who |\n|---|---|")
            for category in categories:
                out.append(f'| <span id="{category["id"]}"></span>**{escape(category["name"])}** | {escape(category["description"])} |')
            out.append("")
            out.append(cite("; ".join(category["source"] for category in categories)) + "\n")
        if capital.get("claimed_benefits"):
            out.append(_block(content, urls, capital["claimed_benefits"]))

    density = sna.get("density")
    if density:
        out.append(cited_section("Density { #density }", density, page))
        ranges = density.get("normative_ranges")
        if ranges:
            title = "The normative ranges are not published" if ranges.get("published") is False else "Normative ranges"
            out.append(f'!!! info "{title}"\n')
            out.append(f"    {escape(ranges['text'])}\n")
            if ranges.get("note"):
                out.append(f"    {escape(ranges['note'])}\n")
            out.append(f"    {cite(ranges['source'])}\n")

    process = sna.get("process")
    if process:
        out.append("## The process { #process }\n")
        out.append(
            "\n".join(
                f"{index}. {escape(step['text'])} {inline_source(step['source'], page)}" for index, step in enumerate(process["steps"], start=1)
            )
            + "\n"
        )
        out.append(cite(process["source"]) + "\n")
        if process.get("note"):
            out.append(note_block(process["note"]))

    out.append(_experiment(content, urls, sna))

    earlier = sna.get("earlier_example")
    if earlier:
        out.append("## An earlier example { #earlier-example }\n")
        out.append(_block(content, urls, earlier))

    out.append("## Map your own connectors { #calculator }\n")
    out.append(
        f"Paste who works with whom and the [connectors calculator]({relative(page, CALCULATOR)}) shows the hubs, "
        "gatekeepers and pulsetakers, who sits outside the core, and what breaks if key people leave. "
        "Nothing you paste leaves your browser.\n"
    )
    out.append(f"[Map your connectors]({relative(page, CALCULATOR)}){{ .md-button .md-button--primary }}\n")
    return "\n".join(out)


def _block(content: dict, urls: Urls, block: dict) -> str:
    text = escape(block["text"])
    references = block.get("references") or []
    if references:
        text += " (See " + "; ".join(reference_link(content, urls, PAGE, slug) for slug in references) + ".)"
    out = f"{text} {cite(block['source'])}\n"
    if block.get("note"):
        out += "\n" + note_block(block["note"])
    return out


def _cited_list(experiment: dict, key: str, heading: str, page: str) -> list[str]:
    """One part of the experiment as a heading and a list of cited points; nothing when the report has none."""
    items = experiment.get(key)
    return [list_section(heading, (f"{escape(item['text'])} {inline_source(item['source'], page)}" for item in items))] if items else []


def _experiment(content: dict, urls: Urls, sna: dict) -> str:
    experiment = sna.get("experiment")
    if not experiment:
        return ""
    page = PAGE
    out = ["## The experiment { #experiment }\n"]
    if experiment.get("case_study"):
        out.append(f"The report tried SNA in one UK locality: {case_link(content, urls, page, experiment['case_study'])}.\n")
    if sna.get("anonymity_note"):
        out.append(note_block(sna["anonymity_note"], "The locality is anonymised"))
    out += _cited_list(experiment, "purpose", "### Why { #experiment-purpose }", page)
    out += _cited_list(experiment, "steps", "### How it was done { #experiment-steps }", page)
    survey = experiment.get("survey")
    if survey:
        out.append("### The survey { #experiment-survey }\n")
        out.append(
            f"- **When:** {escape(survey['when'])}\n"
            f"- **Respondents:** {survey['respondents']}\n"
            f"- **Response rate:** {survey['response_rate_percent']} %\n"
            f"- **Who:** {escape(survey['who'])}\n"
        )
        out.append(cite(survey["source"]) + "\n")
        if survey.get("note"):
            out.append(note_block(survey["note"]))
    if experiment.get("findings"):
        out.append("### Its messages { #experiment-messages }\n")
        for index, item in enumerate(experiment["findings"], start=1):
            out.append(f"{index}. {escape(item['text'])} {inline_source(item['source'], page)}")
            if item.get("note"):
                out.append(f"\n    *Note:* {escape(item['note'])}\n")
        out.append("")
    out += _cited_list(experiment, "conclusions", "### What the researchers concluded { #experiment-conclusions }", page)
    out += _cited_list(experiment, "further_research", "### Further research { #experiment-further-research }", page)
    return "\n".join(out)
