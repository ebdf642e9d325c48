# _fact_box.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_fact_box.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_fact_box = resolve('fact_box')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<section class="fact-box" aria-labelledby="fact-box-title">\n  <h2 id="fact-box-title">'
    yield escape(environment.getattr((undefined(name='fact_box') if l_0_fact_box is missing else l_0_fact_box), 'title'))
    yield '</h2>\n  <p class="fact-who"><strong>Who these numbers are about:</strong> '
    yield escape(environment.getattr((undefined(name='fact_box') if l_0_fact_box is missing else l_0_fact_box), 'who'))
    yield '</p>\n  <div class="table-wrap">\n  <table class="reflow">\n    <caption id="fact-box-caption">'
    yield escape(environment.getattr((undefined(name='fact_box') if l_0_fact_box is missing else l_0_fact_box), 'caption'))
    yield '</caption>\n    <thead>\n      <tr><th scope="col">What happened</th>'
    for l_1_column in environment.getattr((undefined(name='fact_box') if l_0_fact_box is missing else l_0_fact_box), 'columns'):
        _loop_vars = {}
        pass
        yield '<th scope="col">'
        yield escape(l_1_column)
        yield '</th>'
    l_1_column = missing
    yield '</tr>\n    </thead>\n    <tbody>'
    l_1_loop = missing
    for (l_1_label, l_1_cells), l_1_loop in LoopContext(environment.getattr((undefined(name='fact_box') if l_0_fact_box is missing else l_0_fact_box), 'rows'), undefined):
        _loop_vars = {}
        pass
        yield '\n      <tr><th scope="row">'
        yield escape(l_1_label)
        yield '</th>'
        l_2_loop = missing
        for l_2_cell, l_2_loop in LoopContext(l_1_cells, undefined):
            l_2_namespace = resolve('namespace')
            l_2_run = resolve('run')
            l_2_spanned = resolve('spanned')
            _loop_vars = {}
            pass
            if ((environment.getattr(l_2_loop, 'first') or t_2(l_2_cell)) or (l_2_cell != environment.getattr(l_2_loop, 'previtem'))):
                pass
                l_2_run = context.call((undefined(name='namespace') if l_2_namespace is missing else l_2_namespace), n=1, on=True, _loop_vars=_loop_vars)
                _loop_vars['run'] = l_2_run
                for l_3_later in l_1_cells[environment.getattr(l_2_loop, 'index'):]:
                    _loop_vars = {}
                    pass
                    if ((environment.getattr((undefined(name='run') if l_2_run is missing else l_2_run), 'on') and (not t_2(l_2_cell))) and (l_3_later == l_2_cell)):
                        pass
                        if not isinstance(l_2_run, Namespace):
                            raise TemplateRuntimeError("cannot assign attribute on non-namespace object")
                        l_2_run['n'] = (environment.getattr((undefined(name='run') if l_2_run is missing else l_2_run), 'n') + 1)
                    else:
                        pass
                        if not isinstance(l_2_run, Namespace):
                            raise TemplateRuntimeError("cannot assign attribute on non-namespace object")
                        l_2_run['on'] = False
                l_3_later = missing
                l_2_spanned = environment.getattr((undefined(name='fact_box') if l_0_fact_box is missing else l_0_fact_box), 'columns')[environment.getattr(l_2_loop, 'index0'):(environment.getattr(l_2_loop, 'index0') + environment.getattr((undefined(name='run') if l_2_run is missing else l_2_run), 'n'))]
                _loop_vars['spanned'] = l_2_spanned
                yield '\n        <td'
                if (environment.getattr((undefined(name='run') if l_2_run is missing else l_2_run), 'n') > 1):
                    pass
                    yield ' colspan="'
                    yield escape(environment.getattr((undefined(name='run') if l_2_run is missing else l_2_run), 'n'))
                    yield '"'
                yield '><span class="cell-label" aria-hidden="true">'
                yield escape(t_1(context.eval_ctx, (undefined(name='spanned') if l_2_spanned is missing else l_2_spanned), ' and '))
                yield '</span><span class="cell-value">'
                if l_2_cell:
                    pass
                    yield escape(environment.getattr(l_2_cell, 'about'))
                    if environment.getattr(l_2_cell, 'when'):
                        pass
                        yield ' '
                        yield escape(environment.getattr(l_2_cell, 'when'))
                    yield ' <span class="pct">('
                    yield escape(environment.getattr(l_2_cell, 'percent'))
                    yield ')</span>'
                else:
                    pass
                    yield '<span class="not-reported">Not reported</span>'
                yield '</span></td>'
        l_2_loop = l_2_cell = l_2_namespace = l_2_run = l_2_spanned = missing
        yield '</tr>'
    l_1_loop = l_1_label = l_1_cells = missing
    yield '\n    </tbody>\n  </table>\n  </div>\n  <p class="fact-source">Source: '
    l_1_loop = missing
    for l_1_s, l_1_loop in LoopContext(environment.getattr((undefined(name='fact_box') if l_0_fact_box is missing else l_0_fact_box), 'sources'), undefined):
        _loop_vars = {}
        pass
        yield '<a href="#source-'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '">'
        yield escape(environment.getattr(l_1_s, 'short'))
        yield '</a> (<cite>'
        yield escape(environment.getattr(l_1_s, 'journal'))
        yield '</cite>, published '
        yield escape(environment.getattr(l_1_s, 'published'))
        yield ')'
        if (not environment.getattr(l_1_loop, 'last')):
            pass
            yield '; '
    l_1_loop = l_1_s = missing
    yield '. Figures checked against the source on '
    yield escape(environment.getattr((undefined(name='fact_box') if l_0_fact_box is missing else l_0_fact_box), 'checked'))
    yield '.</p>\n</section>\n'

blocks = {}
debug_info = '2=25&3=27&6=29&8=31&11=40&12=44&13=47&14=53&16=55&17=57&18=71&19=74&26=101'
