#!/usr/bin/env python3
"""Writes or updates .resx files from a small table: `resx.py FILE.resx key=value ...` (adds or replaces keys)."""
import sys, os
from xml.sax.saxutils import escape
import xml.etree.ElementTree as ET

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def main():
    path = sys.argv[1]
    entries = {}
    if os.path.exists(path):
        for d in ET.parse(path).getroot().findall('data'):
            entries[d.get('name')] = d.find('value').text or ''
    for arg in sys.argv[2:]:
        k, v = arg.split('=', 1)
        entries[k] = v
    with open(path, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for k in sorted(entries):
            f.write(f'  <data name="{escape(k)}" xml:space="preserve"><value>{escape(entries[k])}</value></data>\n')
        f.write('</root>\n')

main()
