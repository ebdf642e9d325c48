# _findings.html of the default theme, compiled by Jinja 3.1.6: made by python3 dev.py theme
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_findings.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_findings = resolve('findings')
    l_0_root = resolve('root')
    l_0_risk = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    def macro(l_1_cell, l_1_label):
        t_2 = []
        if l_1_cell is missing:
            l_1_cell = undefined("parameter 'cell' was not provided", name='cell')
        if l_1_label is missing:
            l_1_label = undefined("parameter 'label' was not provided", name='label')
        pass
        t_2.extend((
            '<span class="sof-label">',
            escape(l_1_label),
            '</span>',
        ))
        if l_1_cell:
            pass
            t_2.extend((
                '\n<span class="sof-about">',
                escape(environment.getattr(l_1_cell, 'about')),
                '</span>\n<span class="sof-ci">',
            ))
            if environment.getattr(l_1_cell, 'interval'):
                pass
                t_2.extend((
                    'Likely range: ',
                    escape(environment.getattr(l_1_cell, 'interval')),
                ))
            else:
                pass
                t_2.append(
                    'The source gives no range',
                )
            t_2.append(
                '</span>',
            )
            if environment.getattr(l_1_cell, 'exact'):
                pass
                t_2.extend((
                    '\n<span class="sof-exact">As published: ',
                    escape(environment.getattr(l_1_cell, 'exact')),
                    '</span>',
                ))
        else:
            pass
            t_2.append(
                '\n<span class="not-reported">Not given by the source</span>',
            )
        return concat(t_2)
    context.exported_vars.add('risk')
    context.vars['risk'] = l_0_risk = Macro(environment, macro, 'risk', ('cell', 'label'), False, False, False, context.eval_ctx.autoescape)
    yield '<section class="findings" aria-labelledby="findings-heading">\n  <h2 id="findings-heading">Summary of findings</h2>\n  <p>Each row is one outcome. It shows how many people out of '
    yield escape(environment.getattr((undefined(name='findings') if l_0_findings is missing else l_0_findings), 'denominator'))
    yield ' had it in each group, and how the groups compare. The likely range is the 95% confidence interval: the real number is probably inside it.</p>\n  <div class="table-wrap sof-wrap">\n  <table class="sof">\n    <caption id="findings-caption">'
    yield escape(environment.getattr((undefined(name='findings') if l_0_findings is missing else l_0_findings), 'title'))
    yield '</caption>\n    <thead>\n      <tr><th scope="col">Outcome</th><th scope="col">'
    yield escape(environment.getattr((undefined(name='findings') if l_0_findings is missing else l_0_findings), 'comparison'))
    yield '</th><th scope="col">'
    yield escape(environment.getattr((undefined(name='findings') if l_0_findings is missing else l_0_findings), 'treated'))
    yield '</th><th scope="col">Difference</th><th scope="col">Relative effect</th><th scope="col">Number of people (sources)</th><th scope="col">How sure we are</th></tr>\n    </thead>\n    <tbody>'
    l_1_loop = missing
    for l_1_row, l_1_loop in LoopContext(environment.getattr((undefined(name='findings') if l_0_findings is missing else l_0_findings), 'rows'), undefined):
        _loop_vars = {}
        pass
        yield '\n      <tr>\n        <th scope="row">'
        yield escape(environment.getattr(l_1_row, 'outcome'))
        yield ' <span class="sof-period">'
        yield escape(environment.getattr(l_1_row, 'period'))
        yield '</span></th>\n        <td>'
        yield escape(context.call((undefined(name='risk') if l_0_risk is missing else l_0_risk), environment.getattr(l_1_row, 'comparison'), environment.getattr((undefined(name='findings') if l_0_findings is missing else l_0_findings), 'comparison'), _loop_vars=_loop_vars))
        yield '</td>\n        <td>'
        yield escape(context.call((undefined(name='risk') if l_0_risk is missing else l_0_risk), environment.getattr(l_1_row, 'treated'), environment.getattr((undefined(name='findings') if l_0_findings is missing else l_0_findings), 'treated'), _loop_vars=_loop_vars))
        yield '</td>\n        <td>'
        yield escape(context.call((undefined(name='risk') if l_0_risk is missing else l_0_risk), environment.getattr(l_1_row, 'difference'), 'Difference', _loop_vars=_loop_vars))
        yield '</td>\n        <td>'
        yield escape(context.call((undefined(name='risk') if l_0_risk is missing else l_0_risk), environment.getattr(l_1_row, 'relative'), 'Relative effect', _loop_vars=_loop_vars))
        yield '</td>\n        <td><span class="sof-label">Number of people (sources)</span>\n<span class="sof-about">'
        if (environment.getattr(l_1_row, 'people') == 'not reported'):
            pass
            yield 'Not reported'
        else:
            pass
            yield escape(environment.getattr(l_1_row, 'people'))
            yield ' people'
        yield '</span>\n<span class="sof-exact">'
        yield escape(t_1(environment.getattr(l_1_row, 'sources')))
        yield ' source'
        yield escape(('' if (t_1(environment.getattr(l_1_row, 'sources')) == 1) else 's'))
        yield ': '
        l_2_loop = missing
        for l_2_s, l_2_loop in LoopContext(environment.getattr(l_1_row, 'sources'), undefined):
            _loop_vars = {}
            pass
            yield '<a href="#source-'
            yield escape(environment.getattr(l_2_s, 'id'))
            yield '">'
            yield escape(environment.getattr(l_2_s, 'short'))
            yield '</a>'
            if (not environment.getattr(l_2_loop, 'last')):
                pass
                yield '; '
        l_2_loop = l_2_s = missing
        yield '</span></td>\n        <td><span class="sof-label">How sure we are</span>\n<span class="sof-grade"><strong>'
        yield escape(environment.getattr(l_1_row, 'certainty'))
        yield ':</strong> '
        yield escape(environment.getattr(l_1_row, 'certainty_words'))
        yield '</span>\n<span class="sof-exact">Why: '
        yield escape(environment.getattr(l_1_row, 'reason'))
        yield '</span></td>\n      </tr>'
    l_1_loop = l_1_row = missing
    yield '\n    </tbody>\n  </table>\n  </div>\n  <p class="download"><a href="'
    yield escape(environment.getattr((undefined(name='findings') if l_0_findings is missing else l_0_findings), 'csv'))
    yield '" download>Download the numbers in this table (CSV)</a>, with their sources. <a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'data-dictionary/index.html">What the columns mean</a>.</p>\n</section>\n'

blocks = {}
debug_info = '1=20&2=29&3=32&4=36&5=39&6=53&7=57&15=69&18=71&20=73&23=78&25=82&26=86&27=88&28=90&29=92&31=94&32=102&34=120&35=124&41=128'
