# _sources.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_sources.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_sources = resolve('sources')
    l_0_figures = resolve('figures')
    l_0_root = resolve('root')
    l_0_datasets = resolve('datasets')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_3 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    pass
    yield '<section class="sources" aria-labelledby="sources">\n  <h2 id="sources">Source</h2>\n  <ul data-no-terms>'
    for l_1_source in (undefined(name='sources') if l_0_sources is missing else l_0_sources):
        l_1_names = l_1_authors = missing
        _loop_vars = {}
        pass
        l_1_names = (context.call(environment.getattr(environment.getattr(l_1_source, 'authors'), 'split'), ', ', _loop_vars=_loop_vars) if environment.getattr(l_1_source, 'authors') else [])
        _loop_vars['names'] = l_1_names
        l_1_authors = (markup_join((t_1(context.eval_ctx, (undefined(name='names') if l_1_names is missing else l_1_names)[:3], ', '), ', et al', )) if (t_2((undefined(name='names') if l_1_names is missing else l_1_names)) > 4) else environment.getattr(l_1_source, 'authors'))
        _loop_vars['authors'] = l_1_authors
        yield '\n    <li id="source-'
        yield escape(environment.getattr(l_1_source, 'id'))
        yield '">'
        if (undefined(name='authors') if l_1_authors is missing else l_1_authors):
            pass
            yield escape((undefined(name='authors') if l_1_authors is missing else l_1_authors))
            yield escape(('' if context.call(environment.getattr((undefined(name='authors') if l_1_authors is missing else l_1_authors), 'endswith'), '.', _loop_vars=_loop_vars) else '.'))
            yield ' '
        yield escape(environment.getattr(l_1_source, 'citation'))
        yield '. <cite>'
        yield escape(environment.getattr(l_1_source, 'journal'))
        yield '</cite>, published '
        yield escape(environment.getattr(l_1_source, 'published'))
        yield '.\n      '
        if environment.getattr(l_1_source, 'doi'):
            pass
            yield 'DOI: <a href="'
            yield escape(environment.getattr(l_1_source, 'doi_url'))
            yield '" rel="noopener noreferrer">'
            yield escape(environment.getattr(l_1_source, 'doi'))
            yield '</a>'
        elif environment.getattr(l_1_source, 'url'):
            pass
            yield '<a href="'
            yield escape(environment.getattr(l_1_source, 'url'))
            yield '" rel="noopener noreferrer">Read the source</a>'
        else:
            pass
            yield 'No link: we did not see a DOI for this source.'
        yield '</li>'
    l_1_source = l_1_names = l_1_authors = missing
    yield '\n  </ul>\n  <details class="clinician">\n    <summary>Details for clinicians: every figure with its source text</summary>\n    <div class="table-wrap figures-wrap">\n    <table class="figures reflow">\n      <caption id="figures-caption">Figures on this page and where they come from</caption>\n      <thead><tr><th scope="col">Figure</th><th scope="col">Group</th><th scope="col">When</th><th scope="col">Value</th><th scope="col">People followed</th><th scope="col">Where in the source</th><th scope="col">Exact words</th></tr></thead>\n      <tbody>'
    for l_1_f in (undefined(name='figures') if l_0_figures is missing else l_0_figures):
        _loop_vars = {}
        pass
        yield '\n        <tr><th scope="row">'
        yield escape(t_3(context.eval_ctx, environment.getattr(l_1_f, 'measure'), '_', ' '))
        yield '</th><td><span class="cell-label" aria-hidden="true">Group</span>'
        yield escape(environment.getattr(l_1_f, 'group'))
        yield '</td><td><span class="cell-label" aria-hidden="true">When</span>'
        yield escape(environment.getattr(l_1_f, 'period'))
        yield '</td><td><span class="cell-label" aria-hidden="true">Value</span>'
        yield escape(environment.getattr(l_1_f, 'percent'))
        if (environment.getattr(l_1_f, 'unit') != 'people'):
            pass
            yield ' of '
            yield escape(environment.getattr(l_1_f, 'unit'))
        yield '</td><td><span class="cell-label" aria-hidden="true">People followed</span>'
        yield escape(environment.getattr(l_1_f, 'followed'))
        yield '</td><td><span class="cell-label" aria-hidden="true">Where in the source</span>'
        yield escape(environment.getattr(l_1_f, 'locator'))
        yield ' ('
        yield escape(environment.getattr(l_1_f, 'source'))
        yield ')</td><td><span class="cell-label" aria-hidden="true">Exact words</span><q>'
        yield escape(environment.getattr(l_1_f, 'quote'))
        yield '</q></td></tr>'
    l_1_f = missing
    yield '\n      </tbody>\n    </table>\n    </div>\n    <p class="download"><a href="figures.csv" download>Download this table (CSV)</a>, with the exact words and source of each figure. <a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'data-dictionary/index.html">What the columns mean</a>.</p>'
    def t_4(fiter):
        for l_1_source in fiter:
            if (environment.getattr(l_1_source, 'authors') and (t_2(context.call(environment.getattr(environment.getattr(l_1_source, 'authors'), 'split'), ', ')) > 4)):
                yield l_1_source
    for l_1_source in t_4((undefined(name='sources') if l_0_sources is missing else l_0_sources)):
        _loop_vars = {}
        pass
        yield '\n    <p>All authors of '
        yield escape(environment.getattr(l_1_source, 'short'))
        yield ': '
        yield escape(environment.getattr(l_1_source, 'authors'))
        yield escape(('' if context.call(environment.getattr(environment.getattr(l_1_source, 'authors'), 'endswith'), '.', _loop_vars=_loop_vars) else '.'))
        yield '</p>'
    l_1_source = missing
    for l_1_d in (undefined(name='datasets') if l_0_datasets is missing else l_0_datasets):
        _loop_vars = {}
        pass
        yield '\n    <p>Data file <code>'
        yield escape(environment.getattr(environment.getattr(l_1_d, 'path'), 'name'))
        yield '</code>: '
        yield escape(environment.getattr(l_1_d, 'title'))
        yield '. Checked against the source by '
        yield escape(environment.getattr(l_1_d, 'curated_by'))
        yield ' on <time datetime="'
        yield escape(environment.getattr(l_1_d, 'checked'))
        yield '">'
        yield escape(context.call(environment.getattr(environment.getattr(l_1_d, 'checked'), 'strftime'), '%-d %B %Y', _loop_vars=_loop_vars))
        yield '</time>.</p>'
    l_1_d = missing
    yield '\n  </details>\n</section>\n'

blocks = {}
debug_info = '5=34&7=38&8=40&9=43&10=56&20=74&21=78&26=100&27=102&28=110&30=116&31=120'
