# handout.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'handout.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'handout.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    l_0_site = resolve('site')
    pass
    yield 'Handout: '
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
    yield ' | '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    l_0_chart = resolve('chart')
    l_0_fact_box = resolve('fact_box')
    l_0_qr = resolve('qr')
    l_0_page_url = resolve('page_url')
    l_0_sources = resolve('sources')
    l_0_trust = resolve('trust')
    l_0_site = resolve('site')
    pass
    yield '\n<article class="handout">\n  <header class="page-header">\n    <p class="kicker">One-page handout</p>\n    <h1>'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
    yield '</h1>\n    <p class="screen-only"><a href="index.html">Back to the full page</a>. Use your browser\'s Print command to print this handout on one page.</p>\n  </header>\n'
    l_1_heading_id = 'handout-key-messages'
    pass
    template = environment.get_template('_key_messages.html', 'handout.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'heading_id': l_1_heading_id}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    l_1_heading_id = missing
    if (undefined(name='chart') if l_0_chart is missing else l_0_chart):
        pass
        yield '\n  <div class="handout-chart">'
        yield escape((undefined(name='chart') if l_0_chart is missing else l_0_chart))
        yield '</div>'
    if (undefined(name='fact_box') if l_0_fact_box is missing else l_0_fact_box):
        pass
        yield '\n  <div class="handout-fact-box">'
        template = environment.get_template('_fact_box.html', 'handout.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        yield '</div>'
    yield '\n  <footer class="handout-footer">\n    <div class="handout-qr">'
    yield escape((undefined(name='qr') if l_0_qr is missing else l_0_qr))
    yield '</div>\n    <div class="handout-text">\n      <table class="handout-facts">\n        <caption>Where this comes from</caption>\n        <tr><th scope="row">Full page</th><td>'
    yield escape((undefined(name='page_url') if l_0_page_url is missing else l_0_page_url))
    yield '</td></tr>\n        <tr><th scope="row">Source</th><td>'
    l_1_loop = missing
    for l_1_s, l_1_loop in LoopContext((undefined(name='sources') if l_0_sources is missing else l_0_sources), undefined):
        _loop_vars = {}
        pass
        yield '<span id="source-'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '">'
        yield escape(environment.getattr(l_1_s, 'short'))
        yield '. '
        yield escape(environment.getattr(l_1_s, 'citation'))
        yield '. <cite>'
        yield escape(environment.getattr(l_1_s, 'journal'))
        yield '</cite>'
        if environment.getattr(l_1_s, 'doi'):
            pass
            yield '. doi:'
            yield escape(environment.getattr(l_1_s, 'doi'))
        yield '</span>'
        if (not environment.getattr(l_1_loop, 'last')):
            pass
            yield '; '
    l_1_loop = l_1_s = missing
    yield '</td></tr>\n        <tr><th scope="row">Dates</th><td>Published '
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'published'), 'strftime'), '%-d %B %Y', _block_vars=_block_vars))
    yield ' · last reviewed '
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'last_reviewed'), 'strftime'), '%-d %B %Y', _block_vars=_block_vars))
    yield ' · next review due '
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'next_review'), 'strftime'), '%-d %B %Y', _block_vars=_block_vars))
    yield '</td></tr>\n        <tr><th scope="row">Written by</th><td>'
    yield escape(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'author'))
    yield '</td></tr>\n        <tr><th scope="row">Reviewed by</th><td>'
    yield escape(environment.getattr((undefined(name='trust') if l_0_trust is missing else l_0_trust), 'reviewer'))
    yield '</td></tr>\n      </table>\n      <p>This explains research. It is not medical advice. Talk to your MS team about your own care. Found a mistake? Email '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'contact'))
    yield '</p>\n    </div>\n  </footer>\n</article>\n'

blocks = {'title': block_title, 'main': block_main}
debug_info = '1=12&2=17&3=32&7=49&10=53&11=60&12=63&14=65&15=68&18=76&22=78&23=81&24=103&25=109&26=111&28=113'
