# _chart.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_chart.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_level = resolve('level')
    l_0_chart = resolve('chart')
    l_0_root = resolve('root')
    try:
        t_1 = environment.filters['default']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'default' found.")
    try:
        t_2 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    try:
        t_3 = environment.filters['urlencode']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'urlencode' found.")
    pass
    l_0_level = t_1((undefined(name='level') if l_0_level is missing else l_0_level), 3)
    context.vars['level'] = l_0_level
    context.exported_vars.add('level')
    yield '\n<figure class="chart" id="chart-'
    yield escape(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'name'))
    yield '">\n  <h'
    yield escape((undefined(name='level') if l_0_level is missing else l_0_level))
    yield ' class="chart-title" id="chart-'
    yield escape(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'name'))
    yield '-title">'
    yield escape(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'title'))
    yield '</h'
    yield escape((undefined(name='level') if l_0_level is missing else l_0_level))
    yield '>\n  <div class="chart-svg">'
    yield escape(t_2(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'svg')))
    yield '</div>\n  <p class="chart-summary">'
    yield escape(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'summary'))
    yield '</p>\n  <details class="numbers" open>\n    <summary>Show the numbers</summary>\n  <div class="table-wrap">\n  <table class="reflow">\n    <caption id="chart-'
    yield escape(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'name'))
    yield '-caption">The numbers in this chart: '
    yield escape(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'counts'))
    yield '</caption>\n    <thead>\n      <tr><th scope="col">When</th>'
    for l_1_group in environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'groups'):
        _loop_vars = {}
        pass
        yield '<th scope="col">'
        yield escape(l_1_group)
        yield '</th>'
    l_1_group = missing
    yield '</tr>\n    </thead>\n    <tbody>'
    l_1_loop = missing
    for (l_1_period, l_1_cells), l_1_loop in LoopContext(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'rows'), undefined):
        l_1_r = missing
        _loop_vars = {}
        pass
        l_1_r = environment.getattr(l_1_loop, 'index0')
        _loop_vars['r'] = l_1_r
        yield '\n      <tr><th scope="row">'
        yield escape(l_1_period)
        yield '</th>'
        l_2_loop = missing
        for l_2_cell, l_2_loop in LoopContext(l_1_cells, undefined):
            l_2_namespace = resolve('namespace')
            l_2_run = resolve('run')
            l_2_c = missing
            _loop_vars = {}
            pass
            l_2_c = environment.getattr(l_2_loop, 'index0')
            _loop_vars['c'] = l_2_c
            if l_2_cell:
                pass
                yield '<td><span class="cell-label" aria-hidden="true">'
                yield escape(environment.getitem(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'groups'), (undefined(name='c') if l_2_c is missing else l_2_c)))
                yield '</span><span class="cell-value">'
                yield escape(environment.getattr(l_2_cell, 'about'))
                yield ' <span class="pct">('
                yield escape(environment.getattr(l_2_cell, 'percent'))
                yield ')</span></span></td>'
            elif (((undefined(name='r') if l_1_r is missing else l_1_r) == 0) or environment.getitem(environment.getitem(environment.getitem(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'rows'), ((undefined(name='r') if l_1_r is missing else l_1_r) - 1)), 1), (undefined(name='c') if l_2_c is missing else l_2_c))):
                pass
                l_2_run = context.call((undefined(name='namespace') if l_2_namespace is missing else l_2_namespace), n=0, on=True, _loop_vars=_loop_vars)
                _loop_vars['run'] = l_2_run
                for l_3_later in environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'rows')[(undefined(name='r') if l_1_r is missing else l_1_r):]:
                    _loop_vars = {}
                    pass
                    if (environment.getattr((undefined(name='run') if l_2_run is missing else l_2_run), 'on') and (not environment.getitem(environment.getitem(l_3_later, 1), (undefined(name='c') if l_2_c is missing else l_2_c)))):
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
                yield '\n        <td'
                if (environment.getattr((undefined(name='run') if l_2_run is missing else l_2_run), 'n') > 1):
                    pass
                    yield ' rowspan="'
                    yield escape(environment.getattr((undefined(name='run') if l_2_run is missing else l_2_run), 'n'))
                    yield '"'
                yield ' class="no-group"><span class="cell-label" aria-hidden="true">'
                yield escape(environment.getitem(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'groups'), (undefined(name='c') if l_2_c is missing else l_2_c)))
                yield '</span><span class="cell-value">No comparison group</span></td>'
            else:
                pass
                yield '\n        <td class="no-group no-group-more"><span class="cell-label" aria-hidden="true">'
                yield escape(environment.getitem(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'groups'), (undefined(name='c') if l_2_c is missing else l_2_c)))
                yield '</span><span class="cell-value">No comparison group</span></td>'
        l_2_loop = l_2_cell = l_2_c = l_2_namespace = l_2_run = missing
        yield '</tr>'
    l_1_loop = l_1_period = l_1_cells = l_1_r = missing
    yield '\n    </tbody>\n  </table>\n  </div>\n  <p class="chart-note">'
    yield escape(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'followed'))
    yield '</p>\n  <p class="download"><a href="'
    yield escape(t_3(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'name')))
    yield '.csv" download>Download the numbers<span class="visually-hidden"> in the chart “'
    yield escape(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'title'))
    yield '”</span> (CSV)</a>, with their sources. <a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'data-dictionary/index.html">What the columns mean</a>.</p>\n  </details>\n</figure>\n'

blocks = {}
debug_info = '1=32&2=36&3=38&4=46&5=48&10=50&12=54&15=63&16=67&17=70&18=73&19=79&20=81&21=90&23=92&24=94&25=109&28=120&35=126&36=128'
