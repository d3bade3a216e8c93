Attribute VB_Name = "WorkbookTools"
' Workbook Tools: the buttons on Excel's Monitoring tab.
'
' Every button hands off to Python in one line: RunPython (from the add-in's xlwings module) runs a
' function in workbook_tools.excel on the active workbook. The work, the progress shown in the status
' bar and any message box all happen on the Python side, so this module holds no logic.
'
' The ribbon that calls these Subs is macros/customUI14.xml in the workbook-tools sources.
Option Explicit

Public Sub Monitoring_Refresh(control As IRibbonControl)
    RunPython "import workbook_tools.excel as x; x.refresh()"
End Sub

Public Sub Monitoring_Check(control As IRibbonControl)
    RunPython "import workbook_tools.excel as x; x.check()"
End Sub

Public Sub Monitoring_NewPlan(control As IRibbonControl)
    RunPython "import workbook_tools.excel as x; x.new_plan()"
End Sub

Public Sub Monitoring_ImportPlan(control As IRibbonControl)
    RunPython "import workbook_tools.excel as x; x.import_plan()"
End Sub

Public Sub Monitoring_PrepareReturn(control As IRibbonControl)
    RunPython "import workbook_tools.excel as x; x.prepare_return()"
End Sub

Public Sub Monitoring_ConsolidateFolder(control As IRibbonControl)
    RunPython "import workbook_tools.excel as x; x.consolidate_folder()"
End Sub

Public Sub Monitoring_ShowGuide(control As IRibbonControl)
    RunPython "import workbook_tools.excel as x; x.show_guide()"
End Sub
