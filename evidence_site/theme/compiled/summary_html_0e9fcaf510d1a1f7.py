# summary.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'summary.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'summary.html')
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
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
    yield ' | '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))

def block_description(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    pass
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'description'))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    l_0_scope = resolve('scope')
    l_0_contents = resolve('contents')
    l_0_fact_box = resolve('fact_box')
    l_0_findings = resolve('findings')
    l_0_certainty = resolve('certainty')
    l_0_unknowns = resolve('unknowns')
    l_0_body = resolve('body')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '\n<article>\n  <header class="page-header">\n    <p class="kicker">Evidence summary</p>\n    <h1>'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
    yield '</h1>\n  </header>\n  '
    template = environment.get_template('_answer.html', 'summary.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    if (undefined(name='scope') if l_0_scope is missing else l_0_scope):
        pass
        yield '\n  <p class="scope" data-no-terms>'
        yield escape(environment.getattr((undefined(name='scope') if l_0_scope is missing else l_0_scope), 'text'))
        if environment.getattr((undefined(name='scope') if l_0_scope is missing else l_0_scope), 'source'):
            pass
            yield ' (Source: <a href="#source-'
            yield escape(environment.getattr(environment.getattr((undefined(name='scope') if l_0_scope is missing else l_0_scope), 'source'), 'id'))
            yield '">'
            yield escape(environment.getattr(environment.getattr((undefined(name='scope') if l_0_scope is missing else l_0_scope), 'source'), 'short'))
            yield '</a>)'
        yield '</p>'
    yield '\n'
    l_1_heading_id = 'key-messages'
    pass
    template = environment.get_template('_key_messages.html', 'summary.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'heading_id': l_1_heading_id}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    l_1_heading_id = missing
    if (t_1((undefined(name='contents') if l_0_contents is missing else l_0_contents)) >= 4):
        pass
        yield '\n  <nav class="contents" aria-labelledby="contents-heading">\n    <h2 id="contents-heading">On this page</h2>\n    <ul>'
        if (undefined(name='fact_box') if l_0_fact_box is missing else l_0_fact_box):
            pass
            yield '<li><a href="#fact-box-title">'
            yield escape(environment.getattr((undefined(name='fact_box') if l_0_fact_box is missing else l_0_fact_box), 'title'))
            yield '</a></li>'
        if (undefined(name='findings') if l_0_findings is missing else l_0_findings):
            pass
            yield '<li><a href="#findings-heading">Summary of findings</a></li>'
        for (l_1_id, l_1_text) in (undefined(name='contents') if l_0_contents is missing else l_0_contents):
            _loop_vars = {}
            pass
            yield '\n      <li><a href="#'
            yield escape(l_1_id)
            yield '">'
            yield escape(l_1_text)
            yield '</a></li>'
        l_1_id = l_1_text = missing
        if (undefined(name='certainty') if l_0_certainty is missing else l_0_certainty):
            pass
            yield '<li><a href="#how-sure">How sure are we?</a></li>'
        if (undefined(name='unknowns') if l_0_unknowns is missing else l_0_unknowns):
            pass
            yield '<li><a href="#what-we-dont-know">What we don\'t know</a></li>'
        yield '\n      <li><a href="#sources">Source</a></li>\n      <li><a href="#about-this-page">About this page</a></li>\n    </ul>\n  </nav>'
    if (undefined(name='fact_box') if l_0_fact_box is missing else l_0_fact_box):
        pass
        yield '\n  '
        template = environment.get_template('_fact_box.html', 'summary.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    if (undefined(name='findings') if l_0_findings is missing else l_0_findings):
        pass
        template = environment.get_template('_findings.html', 'summary.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    yield '\n  <div class="prose">\n'
    yield escape((undefined(name='body') if l_0_body is missing else l_0_body))
    yield '\n  </div>\n  '
    template = environment.get_template('_layers.html', 'summary.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '\n  '
    template = environment.get_template('_sources.html', 'summary.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '\n  '
    template = environment.get_template('_dates.html', 'summary.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '\n</article>\n'

blocks = {'title': block_title, 'description': block_description, 'main': block_main}
debug_info = '1=12&2=17&3=31&4=42&8=65&10=67&11=73&12=76&14=88&15=95&19=98&20=103&21=106&22=110&24=115&25=118&31=122&32=125&34=131&36=140&38=142&39=149&40=156'
