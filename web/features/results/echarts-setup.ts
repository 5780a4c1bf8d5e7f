import { BarChart, CustomChart, MapChart } from 'echarts/charts';
import { GridComponent, VisualMapContinuousComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { MAP_NAME } from './results-charts.ts';
import districts from './suedwestsachsen-kreise.json' with { type: 'json' };

/**
 * The parts of ECharts the results charts use, and the district borders. Loaded only by
 * dynamic import from the chart component, so no survey page downloads the chart library.
 */
echarts.use([BarChart, CustomChart, MapChart, GridComponent, VisualMapContinuousComponent, SVGRenderer]);
echarts.registerMap(MAP_NAME, districts as Parameters<typeof echarts.registerMap>[1]);

export { echarts };
